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
 * As {@link AsyncSameKeyHandOffTest}, but each actor publishes with its own partition key, chosen
 * so that the two keys land on different lanes of the two: one subscription is delivered on two
 * lanes at once, whose workers share the scheduler's threads.
 *
 * <p>r1, r2: events received from actor 1 and 2; r3: events received out of their publisher's
 * order; r4: failure bits (1 stats.delivered != 6, 2 stats.pending != 0, 4 stats.dropped != 0, 8
 * the stop reported undelivered events).
 */
@JCStressTest
@Description(
    "Async delivery on two lanes, one subscription, two publishers with their own keys: every"
        + " event delivered exactly once, each key in publish order.")
@Outcome(
    id = "3, 3, 0, 0",
    expect = ACCEPTABLE,
    desc = "All six delivered once, in order per key, and the stats agree.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: an event lost, duplicated or reordered, or the stats disagree with the handler.")
@State
public class AsyncTwoShardsHandOffTest {

  private static final int SHARDS = 2;
  private static final String KEY_1 = "order-1";

  /** Found once per forked VM by asking a bus (see {@link LaneKeys}); today it is "order-12". */
  private static final String KEY_2 = LaneKeys.keyOnAnotherLane(SHARDS, KEY_1);

  private final KeyedRecorder recorder = new KeyedRecorder(SHARDS);

  @Actor
  public void publisher1() {
    recorder.publish(KEY_1, 1);
  }

  @Actor
  public void publisher2() {
    recorder.publish(KEY_2, 2);
  }

  @Arbiter
  public void stop(IIII_Result r) {
    recorder.stopAndReport(r);
  }
}
