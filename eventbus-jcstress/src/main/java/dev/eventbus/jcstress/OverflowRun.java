package dev.eventbus.jcstress;

import dev.eventbus.api.EventBusOverloadedException;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * One sample of an overflow test: an async bus with one lane of room for one delivery, one ASYNC
 * subscription with {@code policy}, and two publishers that publish {@link #PER_PUBLISHER} events
 * each, so the lane is full whenever its worker has not caught up.
 */
final class OverflowRun {

  static final int PER_PUBLISHER = 2;
  static final int PUBLISHED = 2 * PER_PUBLISHER;

  /** Bits of the arbiter's fourth result: each says what went wrong; 0 when nothing did. */
  static final int PUBLISHED_MISCOUNTED = 1;

  static final int OUTCOMES_DO_NOT_ADD_UP = 2;
  static final int STILL_PENDING = 4;
  static final int HANDLER_CALLS_DIFFER = 8;
  static final int UNDELIVERED_AT_STOP = 16;
  static final int BAD_EXCEPTION_OR_RESULT = 32;
  static final int POLICY_BROKEN = 64;

  private final OverflowPolicy policy;
  private final UnifiedEventBus bus;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger thrown = new AtomicInteger();
  private final AtomicInteger badOutcomes = new AtomicInteger();
  private final AtomicInteger droppedInResults = new AtomicInteger();

  OverflowRun(OverflowPolicy policy, Duration blockTimeout) {
    this.policy = policy;
    this.bus = Buses.async(1, 1, policy, blockTimeout);
    bus.subscribe(
        Ping.class,
        event -> calls.incrementAndGet(),
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).overflowPolicy(policy).build());
  }

  /** Publishes {@link #PER_PUBLISHER} events, noting what each publish returned or threw. */
  void publish(int producer) {
    for (int i = 0; i < PER_PUBLISHER; i++) {
      try {
        PublishResult result = bus.publish(new Ping(producer));
        if (result.subscribers() != 1 || result.pending() + result.dropped() != 1) {
          badOutcomes.incrementAndGet();
        }
        droppedInResults.addAndGet(result.dropped());
      } catch (EventBusOverloadedException overloaded) {
        thrown.incrementAndGet();
        // The documented exception carries the publish's result, the refusal counted as dropped.
        if (overloaded.result().map(PublishResult::dropped).orElse(0) != 1) {
          badOutcomes.incrementAndGet();
        }
      } catch (RuntimeException other) {
        badOutcomes.incrementAndGet();
      }
    }
  }

  /**
   * Stops the bus (waiting for the lane to drain) and reports: r1 {@code stats.delivered}, r2
   * {@code stats.dropped}, r3 publishes that threw {@link EventBusOverloadedException}, r4 the
   * failure bits.
   */
  void stopAndReport(IIII_Result r) {
    ShutdownReport report = bus.stop(Buses.DRAIN);
    EventBusStats stats = bus.stats();
    r.r1 = (int) stats.delivered();
    r.r2 = (int) stats.dropped();
    r.r3 = thrown.get();
    int bits = 0;
    if (stats.published() != PUBLISHED) {
      bits |= PUBLISHED_MISCOUNTED;
    }
    if (stats.delivered() + stats.dropped() + stats.failed() != stats.published()) {
      bits |= OUTCOMES_DO_NOT_ADD_UP;
    }
    if (stats.pending() != 0) {
      bits |= STILL_PENDING;
    }
    if (calls.get() != stats.delivered()) {
      bits |= HANDLER_CALLS_DIFFER;
    }
    if (report.totalUndelivered() != 0) {
      bits |= UNDELIVERED_AT_STOP;
    }
    if (badOutcomes.get() != 0) {
      bits |= BAD_EXCEPTION_OR_RESULT;
    }
    if (!policyKept(stats)) {
      bits |= POLICY_BROKEN;
    }
    r.r4 = bits;
  }

  /**
   * FAIL and BLOCK refuse by throwing, one exception per dropped delivery; DROP_NEWEST drops the
   * arriving event, so every drop shows in a publish result; DROP_OLDEST drops an older queued one,
   * which shows only in the stats; neither DROP policy throws.
   */
  private boolean policyKept(EventBusStats stats) {
    switch (policy) {
      case FAIL:
      case BLOCK:
        return thrown.get() == stats.dropped() && droppedInResults.get() == 0;
      case DROP_NEWEST:
        return thrown.get() == 0 && droppedInResults.get() == stats.dropped();
      case DROP_OLDEST:
        return thrown.get() == 0 && droppedInResults.get() == 0;
    }
    throw new AssertionError(policy);
  }
}
