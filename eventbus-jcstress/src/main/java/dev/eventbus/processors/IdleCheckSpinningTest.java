package dev.eventbus.processors;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two actors each offer one task to one lane whose drain spins when the queue runs empty ({@code
 * spinWhenIdle} true, {@code IdleStrategy.SPIN} for 50 µs), then ask {@link OrderedLane#isIdle()}.
 * One actor's task often arrives while the drain spins after the other's, so the {@code spinning}
 * side of {@code isIdle()} is raced: the spinning drain picking the task up (clearing {@code
 * spinning}, then counting the task started) against the publisher reading the counts and then
 * {@code spinning}.
 *
 * <p>r1, r2: actor 1's and actor 2's answer (0 {@code isIdle()} said busy, 1 idle and the actor's
 * task had run, 2 idle although the actor's task had not run: the bug this looks for); r3: the
 * arbiter's failure bits (1 a task had not run after 5 s, 2 a task ran more than once or was
 * refused or abandoned, 4 the lane was not idle after its stop).
 */
@JCStressTest
@Description(
    "OrderedLane.isIdle() with a spinning drain: a publisher that offered a task and then"
        + " sees isIdle() true finds its task has run.")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "Both saw the lane busy.")
@Outcome(
    id = "1, 0, 0",
    expect = ACCEPTABLE,
    desc = "Actor 1 saw the lane idle, its task run; actor 2 saw it busy.")
@Outcome(
    id = "0, 1, 0",
    expect = ACCEPTABLE,
    desc = "Actor 2 saw the lane idle, its task run; actor 1 saw it busy.")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "Both saw the lane idle, their tasks run.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: isIdle() true before the caller's own task ran, or a task lost or run twice.")
@State
public class IdleCheckSpinningTest {

  private final OrderedLane lane = IdleCheck.lane(true);
  private final IdleCheck.Probe first = new IdleCheck.Probe();
  private final IdleCheck.Probe second = new IdleCheck.Probe();

  /** A sample: a fresh lane (its drain spins when idle) and a task per actor. */
  public IdleCheckSpinningTest() {}

  /**
   * Offers the first task, then asks whether the lane is idle.
   *
   * @param r where r1 gets the answer
   */
  @Actor
  public void publisher1(III_Result r) {
    r.r1 = IdleCheck.offerThenAsk(lane, first);
  }

  /**
   * Offers the second task, then asks whether the lane is idle.
   *
   * @param r where r2 gets the answer
   */
  @Actor
  public void publisher2(III_Result r) {
    r.r2 = IdleCheck.offerThenAsk(lane, second);
  }

  /**
   * Waits (bounded) until both tasks ran, then stops the lane.
   *
   * @param r where r3 gets the failure bits
   */
  @Arbiter
  public void settle(III_Result r) {
    r.r3 = IdleCheck.settle(lane, first, second);
  }
}
