package dev.eventbus.transportsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} (Debian's package) on a free localhost port in a directory of its
 * own, never the packaged service on 6379. Without persistence ({@code --save "" --appendonly no})
 * unless asked; with it ({@code appendonly yes}, {@code appendfsync always}) it can be stopped and
 * started again on the same port and keep its streams and groups.
 */
public final class RedisServer implements AutoCloseable {

  // One per JVM run; a final holder, as the project keeps no mutable static field.
  private static final AtomicReference<@Nullable RedisServer> SHARED = new AtomicReference<>();

  private final Path dir;
  private final boolean persistent;
  private final int port;
  private @Nullable Process process;

  private RedisServer(Path dir, boolean persistent) throws IOException {
    this.dir = dir;
    this.persistent = persistent;
    this.port = ServerProcesses.freePort();
  }

  /**
   * A server for the whole JVM run, without persistence, stopped when the JVM exits.
   *
   * @return the shared server, started
   * @throws Exception if it cannot be started
   */
  public static synchronized RedisServer shared() throws Exception {
    RedisServer server = SHARED.get();
    if (server == null) {
      server = start(false);
      SHARED.set(server);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  /**
   * A server of its own, in a new temporary directory.
   *
   * @param persistent whether it keeps an append-only file, fsynced on every write
   * @return the server, started
   * @throws Exception if it cannot be started
   */
  public static RedisServer start(boolean persistent) throws Exception {
    RedisServer server =
        new RedisServer(Files.createTempDirectory("eventbus-redis-server"), persistent);
    server.startAgain();
    return server;
  }

  /**
   * Where clients connect.
   *
   * @return {@code redis://127.0.0.1:<port>}
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Starts the server (again), waiting until it answers PING.
   *
   * @throws Exception if it exits or does not answer within 30 s
   */
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
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
            .start();
    this.process = process;
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
      Thread.sleep(50); // spaces out the readiness probes until the deadline above
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

  /**
   * Stops the server (SIGTERM: it writes its append-only file and exits), waiting for it.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void stop() throws InterruptedException {
    ServerProcesses.stop(process, Duration.ofSeconds(30));
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    ServerProcesses.closeAndDelete(process, Duration.ofSeconds(30), dir);
  }

  /**
   * Where redis-server is.
   *
   * @return its path
   * @throws IllegalStateException if it is nowhere, saying how to install it
   */
  public static String executable() {
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
        "redis-server is not installed, and the eventbus-redis tests and the Redis benchmark need a real one: run"
            + " scripts/ensure-redis.sh as root (it runs apt-get install -y redis-server), or"
            + " install Debian's redis-server package yourself");
  }
}
