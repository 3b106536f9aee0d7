package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of durable delivery: a child JVM publishes into a durable bus with a slow
 * asynchronous subscriber and is killed with SIGKILL at a random point, several rounds in a row,
 * each round recovering what the last left pending; a last child only recovers. Afterwards every
 * event whose {@code publish} had returned has been delivered, none is lost, each process delivered
 * each account's events in order, and the duplicates (deliveries made again because their
 * completion was not recorded before the kill) are counted and reported.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {

  private static final int ROUNDS = 4;

  @RegisterExtension final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @TempDir Path dir;

  @Test
  void sqliteLosesNothingAcrossKills() throws Exception {
    crashAndRecover(List.of("sqlite", dir.resolve("events.db").toString()), 20251125L);
  }

  @Test
  void postgresLosesNothingAcrossKills() throws Exception {
    crashAndRecover(
        List.of("postgres", postgres.url(), postgres.user(), postgres.password()), 20251126L);
  }

  private void crashAndRecover(List<String> database, long seed) throws Exception {
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      int publishBeforeKill = 100 + random.nextInt(400);
      Process child = start("run", round * 1_000_000L, database);
      waitForPublished(child, publishBeforeKill);
      child.destroyForcibly(); // SIGKILL on Unix
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Process last = start("recover", 0, database);
    String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(last.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(last.exitValue()).as(output).isZero();

    List<String> published = lines(dir.resolve("published.log"));
    List<List<String>> perProcess = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("delivered-")).toList()) {
        perProcess.add(lines(file));
      }
    }
    Set<String> delivered = new HashSet<>();
    long deliveries = 0;
    for (List<String> process : perProcess) {
      delivered.addAll(process);
      deliveries += process.size();
      assertInOrderPerAccount(process);
    }
    long duplicates = deliveries - delivered.size();
    System.out.printf(
        "[crash test %s, seed %d] %d rounds killed, %d publishes returned, %d events delivered,"
            + " %d deliveries, %d duplicates%n",
        database.get(0), seed, ROUNDS, published.size(), delivered.size(), deliveries, duplicates);

    assertThat(published).hasSizeGreaterThanOrEqualTo(ROUNDS * 100);
    assertThat(delivered).containsAll(published);
    assertThat(perProcess).hasSize(ROUNDS + 1);
  }

  private Process start(String mode, long firstSeq, List<String> database) throws IOException {
    List<String> args = new ArrayList<>(List.of(mode, dir.toString(), Long.toString(firstSeq)));
    args.addAll(database);
    return new ProcessBuilder(ChildJvm.command(CrashWorkload.class, args))
        .redirectErrorStream(true)
        .start();
  }

  /** Reads the child's progress lines until it has published {@code count} events. */
  private static void waitForPublished(Process child, int count) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith("published ") && Long.parseLong(line.substring(10)) >= count) {
        return;
      }
    }
    throw new AssertionError("the child ended before publishing " + count + " events:\n" + seen);
  }

  /** Complete lines only: a kill can cut the last line of a log short. */
  private static List<String> lines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }

  private static void assertInOrderPerAccount(List<String> deliveries) {
    Map<String, Long> last = new HashMap<>();
    for (String delivery : deliveries) {
      String[] parts = delivery.split(" ");
      long seq = Long.parseLong(parts[1]);
      Long before = last.put(parts[0], seq);
      assertThat(before == null || before < seq)
          .as("%s delivered after %s on the same account", delivery, before)
          .isTrue();
    }
  }
}
