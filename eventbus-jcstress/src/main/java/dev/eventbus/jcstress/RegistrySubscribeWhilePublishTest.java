package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.UnifiedEventBus;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * One actor subscribes and then publishes; the other publishes at the same time. The registry swaps
 * in a new snapshot on subscribe; a publish reads one snapshot whole.
 *
 * <p>r1: deliveries of the subscriber's own publish; r2: deliveries of the racing publish; r3:
 * handler calls.
 */
@JCStressTest
@Description(
    "Subscribe racing a publish (sync bus): the racing event reaches the new subscriber 0 or 1"
        + " times, never twice; a publish after subscribe returned always reaches it.")
@Outcome(
    id = "1, 0, 1",
    expect = ACCEPTABLE,
    desc = "The racing publish read the snapshot before the subscription was swapped in.")
@Outcome(
    id = "1, 1, 2",
    expect = ACCEPTABLE,
    desc = "The racing publish read the snapshot after the swap and delivered once.")
@Outcome(
    expect = FORBIDDEN,
    desc =
        "Bug: a publish after subscribe returned missed the subscriber, or an event was delivered"
            + " twice or counted without a handler call.")
@State
public class RegistrySubscribeWhilePublishTest {

  private final UnifiedEventBus bus = Buses.sync();
  private final AtomicInteger calls = new AtomicInteger();

  @Actor
  public void subscribeThenPublish(III_Result r) {
    bus.subscribe(Ping.class, event -> calls.incrementAndGet());
    r.r1 = bus.publish(new Ping(1)).delivered();
  }

  @Actor
  public void publish(III_Result r) {
    r.r2 = bus.publish(new Ping(2)).delivered();
  }

  @Arbiter
  public void calls(III_Result r) {
    r.r3 = calls.get();
  }
}
