package dev.eventbus.examples.load;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.LatencySummary;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A mixed workload through every processing mode at once: publisher threads publish quotes and
 * trades at a steady rate into one bus on which one subscription per mode takes every event. Each
 * subscription records, for every event, the time from publish to its handler; the bus's own
 * metrics count everything else.
 *
 * <p>A run publishes for its duration, tells a listener what the bus has done so far at a fixed
 * interval, then stops the bus (waiting for queued deliveries) and returns a {@link Result}. Pacing
 * is by the clock: each publisher sleeps off any time it is ahead of its share of the rate, and
 * never catches up by bursting more than {@value #MAX_BURST} events.
 */
public final class LoadRun {

  /** The modes, one subscription each, in table order. */
  public static final List<ProcessingMode> MODES = List.of(ProcessingMode.values());

  /** The most events a publisher that fell behind publishes back to back. */
  static final int MAX_BURST = 64;

  /** One trade for this many quotes; trades carry a partition key and cost the handler more. */
  static final int QUOTES_PER_TRADE = 9;

  /** How long stopping the bus may wait for queued deliveries. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** What the publishers publish. */
  sealed interface LoadEvent extends DomainEvent permits Quote, Trade {
    long publishedNanos();
  }

  /** A price update: the common, cheap event. */
  record Quote(String instrument, long priceMicros, long publishedNanos) implements LoadEvent {
    @Override
    public String eventType() {
      return "load.Quote";
    }
  }

  /** A trade: rarer, keyed by account so one account's trades keep their order. */
  record Trade(String account, long quantity, long publishedNanos) implements LoadEvent {
    @Override
    public String eventType() {
      return "load.Trade";
    }

    @Override
    public String partitionKey() {
      return account;
    }
  }

  /**
   * What a run does.
   *
   * @param duration how long to publish
   * @param eventsPerSecond the total publish rate over all publishers
   * @param publishers publishing threads
   * @param reportEvery how often the progress listener is told
   */
  public record Settings(
      Duration duration, int eventsPerSecond, int publishers, Duration reportEvery) {
    public Settings {
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(reportEvery, "reportEvery");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be > 0 but was " + duration);
      }
      if (eventsPerSecond < 1) {
        throw new IllegalArgumentException(
            "eventsPerSecond must be >= 1 but was " + eventsPerSecond);
      }
      if (publishers < 1 || publishers > 64) {
        throw new IllegalArgumentException("publishers must be in [1, 64] but was " + publishers);
      }
      if (reportEvery.isNegative() || reportEvery.isZero()) {
        throw new IllegalArgumentException("reportEvery must be > 0 but was " + reportEvery);
      }
    }
  }

  /**
   * A reading taken while the run goes on.
   *
   * @param elapsed time since publishing began
   * @param published events published so far
   * @param deliveredByMode deliveries made so far, per mode
   * @param queued deliveries accepted and not finished, over all modes
   * @param stats the bus's counters at this moment
   */
  public record Progress(
      Duration elapsed,
      long published,
      Map<ProcessingMode, Long> deliveredByMode,
      long queued,
      EventBusStats stats) {}

  /**
   * One mode's line of the final table.
   *
   * @param mode the subscription's mode
   * @param delivered events its handler took
   * @param failed deliveries that failed for good
   * @param dropped deliveries not made
   * @param endToEnd from publish to the start of the handler, for every delivery
   * @param handler the handler's own time, as the bus sampled it
   */
  public record ModeResult(
      ProcessingMode mode,
      long delivered,
      long failed,
      long dropped,
      LatencySummary endToEnd,
      LatencySummary handler) {}

  /**
   * What a run ended with.
   *
   * @param published events published
   * @param publishing how long the publishers ran
   * @param modes one line per mode, in {@link #MODES} order
   * @param stats the bus's counters after the stop
   * @param shutdown what the stop drained and left
   */
  public record Result(
      long published,
      Duration publishing,
      List<ModeResult> modes,
      EventBusStats stats,
      ShutdownReport shutdown) {

    /**
     * Whether every (event, mode) delivery is accounted for: delivered, failed for good, or dropped
     * (which includes what the stop reported undelivered).
     */
    public boolean accountedFor() {
      long settled = 0;
      for (ModeResult mode : modes) {
        settled += mode.delivered() + mode.failed() + mode.dropped();
      }
      return settled == published * modes.size();
    }
  }

  private final Settings settings;

  public LoadRun(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Publishes for the run's duration on a new bus, telling {@code progress} every {@code
   * reportEvery}, then stops the bus and returns what happened.
   */
  public Result run(Consumer<Progress> progress) throws InterruptedException {
    Objects.requireNonNull(progress, "progress");
    Map<ProcessingMode, LatencySamples> endToEnd = new EnumMap<>(ProcessingMode.class);
    Map<ProcessingMode, SubscriptionId> subscriptions = new EnumMap<>(ProcessingMode.class);
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      for (ProcessingMode mode : MODES) {
        LatencySamples latencies = new LatencySamples();
        endToEnd.put(mode, latencies);
        subscriptions.put(
            mode,
            bus.subscribe(
                    LoadEvent.class,
                    event -> handle(event, latencies),
                    SubscriptionOptions.builder()
                        .name("load-" + mode.name().toLowerCase(Locale.ROOT))
                        .mode(mode)
                        .build())
                .id());
      }
      AtomicLong published = new AtomicLong();
      AtomicReference<Throwable> publisherFailure = new AtomicReference<>();
      long start = System.nanoTime();
      long end = start + settings.duration().toNanos();
      List<Thread> publishers = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(settings.publishers());
      for (int p = 0; p < settings.publishers(); p++) {
        int publisher = p;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    publish(bus, publisher, start, end, published);
                  } catch (Throwable failure) {
                    publisherFailure.compareAndSet(null, failure);
                  } finally {
                    done.countDown();
                  }
                },
                "load-publisher-" + p);
        thread.setDaemon(true);
        publishers.add(thread);
      }
      publishers.forEach(Thread::start);
      long reportNanos = settings.reportEvery().toNanos();
      while (!done.await(reportNanos, TimeUnit.NANOSECONDS)) {
        progress.accept(progress(bus, subscriptions, System.nanoTime() - start, published));
      }
      Duration publishing = Duration.ofNanos(System.nanoTime() - start);
      Throwable failure = publisherFailure.get();
      if (failure != null) {
        throw new IllegalStateException("a publisher failed", failure);
      }
      ShutdownReport shutdown = bus.stop(STOP_TIMEOUT);
      EventBusStats stats = bus.stats();
      List<ModeResult> modes = new ArrayList<>();
      for (ProcessingMode mode : MODES) {
        SubscriptionStats subscription = stats.subscription(subscriptions.get(mode)).orElseThrow();
        modes.add(
            new ModeResult(
                mode,
                subscription.delivered(),
                subscription.failed(),
                subscription.dropped(),
                endToEnd.get(mode).summary(),
                subscription.latency()));
      }
      return new Result(published.get(), publishing, modes, stats, shutdown);
    }
  }

  private static void handle(LoadEvent event, LatencySamples latencies) {
    latencies.record(System.nanoTime() - event.publishedNanos());
    if (event instanceof Trade trade) {
      // A trade costs a little more: a few microseconds of work the JIT cannot drop.
      long check = trade.quantity();
      for (int i = 0; i < 200; i++) {
        check = check * 31 + i;
      }
      if (check == 42) {
        throw new IllegalStateException("unreachable in practice: " + check);
      }
    }
  }

  private void publish(
      UnifiedEventBus bus, int publisher, long start, long end, AtomicLong published) {
    double nanosPerEvent = 1e9 * settings.publishers() / settings.eventsPerSecond();
    long sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now - end >= 0) {
        return;
      }
      long due = (long) ((now - start) / nanosPerEvent) + 1;
      if (due <= sent) {
        LockSupport.parkNanos((long) ((sent - due + 1) * nanosPerEvent));
        continue;
      }
      long burst = Math.min(due - sent, MAX_BURST);
      if (due - sent > MAX_BURST) {
        sent = due - MAX_BURST; // behind: skip ahead rather than burst without bound
      }
      for (long i = 0; i < burst; i++) {
        long sequence = sent++;
        long nanos = System.nanoTime();
        bus.publish(
            sequence % (QUOTES_PER_TRADE + 1) == QUOTES_PER_TRADE
                ? new Trade("account-" + publisher + "-" + (sequence % 16), sequence, nanos)
                : new Quote("INS" + (sequence % 32), 1_000_000 + sequence, nanos));
        published.incrementAndGet();
      }
    }
  }

  private static Progress progress(
      UnifiedEventBus bus,
      Map<ProcessingMode, SubscriptionId> subscriptions,
      long elapsedNanos,
      AtomicLong published) {
    // The stats first: a publish is counted as published only once it returned, after its
    // synchronous deliveries; read in this order, a mode's deliveries exceed the published count
    // by at most the publishes still returning.
    EventBusStats stats = bus.stats();
    long publishedNow = published.get();
    Map<ProcessingMode, Long> delivered = new EnumMap<>(ProcessingMode.class);
    subscriptions.forEach(
        (mode, id) ->
            delivered.put(
                mode, stats.subscription(id).map(SubscriptionStats::delivered).orElse(0L)));
    return new Progress(
        Duration.ofNanos(elapsedNanos), publishedNow, delivered, stats.pending(), stats);
  }
}
