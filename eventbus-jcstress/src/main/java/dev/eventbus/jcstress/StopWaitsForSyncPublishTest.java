package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.UnifiedEventBus;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * One actor publishes to a SYNC subscription while the other stops the bus. A publish that passed
 * the bus's running check is in flight, and the stop waits for it (a SYNC handler runs inside its
 * publish): the handler never runs after {@code stop} has returned. That needs the publish to mark
 * itself in flight before it reads the bus's state, and the stop to read the marks after it has set
 * the state (each publishing thread's slot; the Dekker pattern).
 *
 * <p>r1: 0 the publish threw EventBusStoppedException, 1 it returned delivered, 2 anything else;
 * r2: 1 if the handler ran after the stop had returned; r3: how many publishes the stop reported
 * still running; r4: 1 if the stop reported completing in time.
 */
@JCStressTest
@Description(
    "Stop racing a SYNC publish: the publish is refused, or its handler runs before stop returns;"
        + " never after.")
@Outcome(
    id = "0, 0, 0, 1",
    expect = ACCEPTABLE,
    desc = "The stop came first: the publish was refused.")
@Outcome(
    id = "1, 0, 0, 1",
    expect = ACCEPTABLE,
    desc = "The publish came first: its handler ran before the stop returned.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: the handler ran after stop returned, or the stop's report is wrong.")
@State
public class StopWaitsForSyncPublishTest {

  private final UnifiedEventBus bus = Buses.sync();
  private volatile boolean stopReturned;
  private volatile boolean ranAfterStop;
  private int outcome = -1;
  private int running = -1;
  private boolean inTime;

  public StopWaitsForSyncPublishTest() {
    bus.subscribe(
        Ping.class,
        event -> {
          if (stopReturned) {
            ranAfterStop = true;
          }
        });
  }

  @Actor
  public void publish() {
    try {
      outcome = bus.publish(new Ping(1)).delivered() == 1 ? 1 : 2;
    } catch (EventBusStoppedException refused) {
      outcome = 0;
    } catch (RuntimeException other) {
      outcome = 2;
    }
  }

  @Actor
  public void stop() {
    ShutdownReport report = bus.stop(Buses.DRAIN);
    stopReturned = true;
    running = report.running().size();
    inTime = report.completedInTime();
  }

  @Arbiter
  public void check(IIII_Result r) {
    r.r1 = outcome;
    r.r2 = ranAfterStop ? 1 : 0;
    r.r3 = running;
    r.r4 = inTime ? 1 : 0;
  }
}
