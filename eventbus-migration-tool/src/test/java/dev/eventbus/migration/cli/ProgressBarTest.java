package dev.eventbus.migration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final String NL = System.lineSeparator();

  private final StringWriter text = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final ProgressBar bar = new ProgressBar(new PrintWriter(text), now::get);

  @Test
  void drawsTheBarProportionally() {
    assertThat(ProgressBar.line(0, 10))
        .isEqualTo("Scanning [>                             ] 0/10 files");
    assertThat(ProgressBar.line(4211, 9000))
        .isEqualTo("Scanning [==============>               ] 4211/9000 files");
    assertThat(ProgressBar.line(29, 30))
        .isEqualTo("Scanning [=============================>] 29/30 files");
    assertThat(ProgressBar.line(9000, 9000))
        .isEqualTo("Scanning [==============================] 9000/9000 files");
  }

  @Test
  void drawsFirstThenAtMostEveryHundredMillisecondsAndAlwaysTheEnd() {
    bar.fileScanned(1, 4);
    now.addAndGet(99 * MS);
    bar.fileScanned(2, 4);
    now.addAndGet(1 * MS);
    bar.fileScanned(3, 4);
    bar.fileScanned(4, 4);
    assertThat(text.toString())
        .isEqualTo(
            "\rScanning [=======>                      ] 1/4 files"
                + "\rScanning [======================>       ] 3/4 files"
                + "\rScanning [==============================] 4/4 files"
                + NL);
  }

  @Test
  void neverRedrawsACountOrGoesBackwards() {
    bar.fileScanned(2, 10);
    now.addAndGet(500 * MS);
    bar.fileScanned(2, 10);
    bar.fileScanned(1, 10);
    assertThat(text.toString()).isEqualTo("\r" + ProgressBar.line(2, 10));
    bar.fileScanned(10, 10);
    bar.fileScanned(10, 10);
    now.addAndGet(500 * MS);
    bar.fileScanned(9, 10);
    bar.finish();
    assertThat(text.toString())
        .isEqualTo("\r" + ProgressBar.line(2, 10) + "\r" + ProgressBar.line(10, 10) + NL);
  }

  @Test
  void finishEndsAnUnfinishedLineOnce() {
    bar.fileScanned(3, 10);
    bar.finish();
    bar.finish();
    now.addAndGet(500 * MS);
    bar.fileScanned(4, 10);
    assertThat(text.toString()).isEqualTo("\r" + ProgressBar.line(3, 10) + NL);
  }

  @Test
  void finishWithoutAnythingDrawnPrintsNothing() {
    bar.finish();
    bar.fileScanned(1, 1);
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void aSingleFileIsDrawnOnceAndEndsTheLine() {
    bar.fileScanned(1, 1);
    assertThat(text.toString()).isEqualTo("\r" + ProgressBar.line(1, 1) + NL);
  }

  @Test
  void concurrentWorkersGetIncreasingCountsAndACompleteLastLine() throws Exception {
    int total = 20_000;
    int threads = 8;
    AtomicInteger done = new AtomicInteger();
    AtomicLong clock = new AtomicLong();
    ProgressBar shared = new ProgressBar(new PrintWriter(text), () -> clock.addAndGet(MS / 4));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  int n;
                  while ((n = done.incrementAndGet()) <= total) {
                    shared.fileScanned(n, total);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    String output = text.toString();
    assertThat(output).endsWith("\r" + ProgressBar.line(total, total) + NL);
    assertThat(output.indexOf(NL)).isEqualTo(output.length() - NL.length());
    String[] frames = output.substring(0, output.length() - NL.length()).split("\r", -1);
    assertThat(frames[0]).isEmpty();
    Pattern frame = Pattern.compile("Scanning \\[(=*>? *)\\] (\\d+)/" + total + " files");
    int previous = 0;
    for (int i = 1; i < frames.length; i++) {
      Matcher m = frame.matcher(frames[i]);
      assertThat(m.matches()).as("frame %s", frames[i]).isTrue();
      assertThat(m.group(1)).hasSize(ProgressBar.WIDTH);
      int count = Integer.parseInt(m.group(2));
      assertThat(count).isGreaterThan(previous);
      assertThat(frames[i]).isEqualTo(ProgressBar.line(count, total));
      previous = count;
    }
    assertThat(previous).isEqualTo(total);
    // The clock moves 0.25 ms per call, so 100 ms pass roughly every 400 files.
    assertThat(frames.length - 1).isBetween(2, total / 400 + 2);
  }
}
