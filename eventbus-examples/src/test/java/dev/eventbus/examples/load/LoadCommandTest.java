package dev.eventbus.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.ProcessingMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

  private record Run(int exitCode, String output) {}

  private static Run run(String... args) throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int exitCode = LoadCommand.run(args, out, false);
    return new Run(exitCode, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void metricsRunPrintsProgressAndATableWhoseDeliveriesMatchThePublishes()
      throws InterruptedException {
    Run run = run("--metrics", "2", "--rate", "5000", "--publishers", "1");

    assertThat(run.exitCode()).isZero();
    String output = run.output();
    assertThat(output).contains("Every delivery accounted for: yes.");
    // One progress line per second while publishing (not a terminal: full lines).
    assertThat(output.lines().filter(line -> line.startsWith("[")).count())
        .isGreaterThanOrEqualTo(1);
    Matcher published = Pattern.compile("Published ([\\d,]+) events").matcher(output);
    assertThat(published.find()).isTrue();
    long events = Long.parseLong(published.group(1).replace(",", ""));
    assertThat(events).isPositive();
    List<Long> delivered = new ArrayList<>();
    for (ProcessingMode mode : LoadRun.MODES) {
      Matcher row = Pattern.compile("(?m)^  " + mode + " +([\\d,]+) ").matcher(output);
      assertThat(row.find()).as("row of %s in%n%s", mode, output).isTrue();
      delivered.add(Long.parseLong(row.group(1).replace(",", "")));
    }
    // Nothing fails or drops in this workload: every mode delivered every event.
    assertThat(delivered).containsOnly(events);
  }

  @Test
  void badArgumentsExitWithTwoAndNameTheProblem() throws InterruptedException {
    assertThat(run("--rate", "0", "--metrics").output()).contains("--rate must be in [1, ");
    assertThat(run("--rate", "0", "--metrics").exitCode()).isEqualTo(2);
    assertThat(run("--soak").output()).contains("--soak needs a value");
    assertThat(run("--soak", "ten").output()).contains("--soak needs a whole number but got ten");
    assertThat(run("--metrics", "--soak", "1").output()).contains("exclude each other");
    assertThat(run("--publishers", "2").output()).contains("--metrics or --soak is required");
    Run unknown = run("--fast");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output()).contains("unknown argument: --fast").contains(LoadCommand.USAGE);
  }

  @Test
  void heapIsFlatOnlyWhenTheSecondHalfStaysNearTheFirst() {
    long mib = 1024 * 1024;
    assertThat(LoadCommand.flat(List.of(50 * mib, 60 * mib, 55 * mib, 58 * mib))).isTrue();
    // The margin is 16 MiB over the first half's largest sample (60 MiB).
    assertThat(LoadCommand.flat(List.of(50 * mib, 60 * mib, 70 * mib, 76 * mib))).isTrue();
    assertThat(LoadCommand.flat(List.of(50 * mib, 60 * mib, 70 * mib, 76 * mib + 1))).isFalse();
    assertThat(LoadCommand.flat(List.of(50 * mib, 51 * mib, 52 * mib))).isFalse();
  }

  @Test
  void settingsRejectValuesThatCannotRun() {
    assertThatThrownBy(() -> new LoadRun.Settings(Duration.ZERO, 1, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("duration");
    assertThatThrownBy(
            () -> new LoadRun.Settings(Duration.ofSeconds(1), 0, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("eventsPerSecond");
    assertThatThrownBy(
            () -> new LoadRun.Settings(Duration.ofSeconds(1), 1, 65, Duration.ofSeconds(1)))
        .hasMessageContaining("publishers");
    assertThatThrownBy(() -> new LoadRun.Settings(Duration.ofSeconds(1), 1, 1, Duration.ZERO))
        .hasMessageContaining("reportEvery");
  }
}
