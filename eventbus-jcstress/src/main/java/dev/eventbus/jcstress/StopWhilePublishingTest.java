package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * One actor publishes one event to a bus with a SYNC and an ASYNC subscription while the other
 * stops the bus. The publish either is refused with {@link EventBusStoppedException} (and counted
 * nowhere), or is accepted, counted as published, and each of its two deliveries ends delivered or
 * dropped (a delivery the stopping lane refuses or abandons is dropped, and reported).
 *
 * <p>r1: 0 the publish threw EventBusStoppedException, 1 it returned, 2 it threw something else;
 * r2: stats.delivered; r3: stats.dropped; r4: failure bits (1 published is not 1 for an accepted
 * publish or 0 for a refused one, 2 an accepted publish's deliveries do not add up to 2 in the
 * stats, 4 stats.pending != 0, 8 handler calls != delivered, 16 the publish result does not add up
 * to 2 subscribers, 32 the stop reported more undelivered than the stats dropped).
 */
@JCStressTest
@Description(
    "Stop racing a publish: the publish is refused with EventBusStoppedException, or accepted and"
        + " every delivery of it counted as delivered or dropped; never silently lost.")
@Outcome(
    id = "0, 0, 0, 0",
    expect = ACCEPTABLE,
    desc = "The stop came first: the publish was refused and nothing counted.")
@Outcome(
    id = "1, 2, 0, 0",
    expect = ACCEPTABLE,
    desc = "The publish came first: both deliveries made (the stop drained the async one).")
@Outcome(
    id = "1, 1, 1, 0",
    expect = ACCEPTABLE,
    desc =
        "The publish passed the running check, then the stop closed the lane: the sync delivery"
            + " was made, the async one refused as 'bus stopped' and counted as dropped.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: an accepted event went uncounted, a refused one was counted, or a wrong error.")
@State
public class StopWhilePublishingTest {

  private final UnifiedEventBus bus = Buses.async(1, 16, OverflowPolicy.BLOCK, Duration.ZERO);
  private final AtomicInteger calls = new AtomicInteger();
  private int outcome = -1;
  private int resultTotal = -1;
  private long undeliveredAtStop;

  public StopWhilePublishingTest() {
    bus.subscribe(Ping.class, event -> calls.incrementAndGet());
    bus.subscribe(
        Ping.class,
        event -> calls.incrementAndGet(),
        SubscriptionOptions.mode(ProcessingMode.ASYNC));
  }

  @Actor
  public void publish() {
    try {
      PublishResult result = bus.publish(new Ping(1));
      resultTotal = result.delivered() + result.pending() + result.dropped() + result.failed();
      outcome = result.subscribers() == 2 ? 1 : 3;
    } catch (EventBusStoppedException refused) {
      outcome = 0;
    } catch (RuntimeException other) {
      outcome = 2;
    }
  }

  @Actor
  public void stop() {
    ShutdownReport report = bus.stop(Buses.DRAIN);
    undeliveredAtStop = report.totalUndelivered();
  }

  @Arbiter
  public void check(IIII_Result r) {
    EventBusStats stats = bus.stats();
    r.r1 = outcome;
    r.r2 = (int) stats.delivered();
    r.r3 = (int) stats.dropped();
    boolean accepted = outcome == 1 || outcome == 3;
    int bits = 0;
    if (stats.published() != (accepted ? 1 : 0)) {
      bits |= 1;
    }
    if (accepted && stats.delivered() + stats.dropped() + stats.failed() != 2) {
      bits |= 2;
    }
    if (stats.pending() != 0) {
      bits |= 4;
    }
    if (calls.get() != stats.delivered()) {
      bits |= 8;
    }
    if (accepted && (outcome == 3 || resultTotal != 2)) {
      bits |= 16;
    }
    if (undeliveredAtStop > stats.dropped()) {
      bits |= 32;
    }
    r.r4 = bits;
  }
}
