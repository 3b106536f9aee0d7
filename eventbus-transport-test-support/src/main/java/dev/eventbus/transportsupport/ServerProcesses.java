package dev.eventbus.transportsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** What {@link KafkaBroker} and {@link RedisServer} do alike with their server's process. */
final class ServerProcesses {

  private ServerProcesses() {}

  /** A port free now on this host. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the process gracefully (SIGTERM), killing it after {@code grace}; waits for it. */
  static void stop(@Nullable Process process, Duration grace) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Stops the process if it runs, then deletes its directory; never throws. */
  static void closeAndDelete(@Nullable Process process, Duration grace, Path dir) {
    try {
      if (process != null && process.isAlive()) {
        stop(process, grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete the server's directory " + dir + ": " + e);
    }
  }
}
