package dev.eventbus.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) on a free localhost port in a directory of its
 * own, never the packaged service on 6379. Without persistence ({@code --save "" --appendonly no})
 * unless asked; with it ({@code appendonly yes}, {@code appendfsync always}) it can be stopped and
 * started again on the same port and keep its streams and groups.
 */
public final class TestRedis implements AutoCloseable {

  private static TestRedis shared;

  private final Path dir;
  private final boolean persistent;
  private final int port;
  private Process process;

  private TestRedis(Path dir, boolean persistent) throws IOException {
    this.dir = dir;
    this.persistent = persistent;
    this.port = freePort();
  }

  /** A server for the whole test run, stopped when the JVM exits. */
  static synchronized TestRedis shared() throws Exception {
    if (shared == null) {
      shared = start(false);
      TestRedis server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return shared;
  }

  /** A server of its own, in a new temporary directory. */
  public static TestRedis start(boolean persistent) throws Exception {
    TestRedis server =
        new TestRedis(Files.createTempDirectory("eventbus-redis-server"), persistent);
    server.startAgain();
    return server;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server (again), waiting until it answers PING. */
  public void startAgain() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
    command.addAll(List.of("--dir", dir.toString(), "--daemonize", "no"));
    command.addAll(List.of("--save", ""));
    if (persistent) {
      command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      command.addAll(List.of("--appendonly", "no"));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with "
                + process.exitValue()
                + ": "
                + Files.readString(dir.resolve("redis.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "redis-server did not answer within 30 s; its log: " + dir.resolve("redis.log"));
      }
      Thread.sleep(50);
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Stops the server (SIGTERM: it writes its append-only file and exits), waiting for it. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    try {
      if (process != null && process.isAlive()) {
        stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete the test server's directory " + dir + ": " + e);
    }
  }

  /** Where redis-server is; fails saying how to install it if it is nowhere. */
  static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
        return Path.of(dir, "redis-server").toString();
      }
    }
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "redis-server is not installed, and the eventbus-redis tests need a real one: run"
            + " scripts/ensure-redis.sh as root (it runs apt-get install -y redis-server), or"
            + " install Debian's redis-server package yourself");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
