package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Two actors publish three events each, all with one partition key, to one ASYNC subscription: both
 * offer to the same lane while its worker drains it, so the lane's hand-off (queue, the {@code
 * active} flag, scheduling a drain) is raced from three threads. The arbiter stops the bus, which
 * waits for the lane to drain.
 *
 * <p>r1, r2: events received from actor 1 and 2; r3: events received out of their publisher's
 * order; r4: failure bits (1 stats.delivered != 6, 2 stats.pending != 0, 4 stats.dropped != 0, 8
 * the stop reported undelivered events).
 */
@JCStressTest
@Description(
    "Async lane hand-off, one partition key, two publishers: every event delivered exactly once,"
        + " each publisher's events in its publish order.")
@Outcome(
    id = "3, 3, 0, 0",
    expect = ACCEPTABLE,
    desc = "All six delivered once, in order per publisher, and the stats agree.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: an event lost, duplicated or reordered, or the stats disagree with the handler.")
@State
public class AsyncSameKeyHandOffTest {

  private final KeyedRecorder recorder = new KeyedRecorder(2);

  @Actor
  public void publisher1() {
    recorder.publish("order-1", 1);
  }

  @Actor
  public void publisher2() {
    recorder.publish("order-1", 2);
  }

  @Arbiter
  public void stop(IIII_Result r) {
    recorder.stopAndReport(r);
  }
}
