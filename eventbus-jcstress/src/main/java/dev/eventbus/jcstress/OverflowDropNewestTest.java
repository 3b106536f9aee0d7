package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.OverflowPolicy;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Overflow policy {@link OverflowPolicy#DROP_NEWEST} on a lane with room for one delivery, two
 * publishers of two events each (see {@link OverflowRun}). At least one event is always delivered:
 * the lane accepts the first one, and no policy drops the last one queued.
 *
 * <p>r1: stats.delivered; r2: stats.dropped; r3: publishes that threw EventBusOverloadedException;
 * r4: failure bits (1 published != 4, 2 delivered + dropped + failed != published, 4 pending != 0,
 * 8 handler calls != delivered, 16 the stop reported undelivered events, 32 a publish returned a
 * wrong result or threw something else, 64 drops and exceptions do not match the policy).
 */
@JCStressTest
@Description(
    "DROP_NEWEST: a publish to a full lane drops the arriving event and never throws; published == delivered + dropped, nothing lost silently.")
@Outcome(id = "4, 0, 0, 0", expect = ACCEPTABLE, desc = "The worker kept up: nothing overflowed.")
@Outcome(
    id = "3, 1, 0, 0",
    expect = ACCEPTABLE,
    desc =
        "The lane was full 1 time(s) and the policy refused or dropped that many deliveries, each counted.")
@Outcome(
    id = "2, 2, 0, 0",
    expect = ACCEPTABLE,
    desc =
        "The lane was full 2 time(s) and the policy refused or dropped that many deliveries, each counted.")
@Outcome(
    id = "1, 3, 0, 0",
    expect = ACCEPTABLE,
    desc =
        "The lane was full 3 time(s) and the policy refused or dropped that many deliveries, each counted.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: the accounting does not add up, or the policy was not applied as documented.")
@State
public class OverflowDropNewestTest {

  private final OverflowRun run = new OverflowRun(OverflowPolicy.DROP_NEWEST, Duration.ZERO);

  @Actor
  public void publisher1() {
    run.publish(1);
  }

  @Actor
  public void publisher2() {
    run.publish(2);
  }

  @Arbiter
  public void stop(IIII_Result r) {
    run.stopAndReport(r);
  }
}
