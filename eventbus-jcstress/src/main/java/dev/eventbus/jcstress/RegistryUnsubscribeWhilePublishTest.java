package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.Subscription;
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
 * One actor unsubscribes and then publishes; the other publishes at the same time.
 *
 * <p>r1: deliveries of the unsubscriber's own publish; r2: deliveries of the racing publish; r3:
 * handler calls.
 */
@JCStressTest
@Description(
    "Unsubscribe racing a publish (sync bus): the racing event reaches the subscriber 0 or 1"
        + " times; a publish after unsubscribe returned never does.")
@Outcome(
    id = "0, 0, 0",
    expect = ACCEPTABLE,
    desc = "The racing publish came after the removal (or found the subscriber deactivated).")
@Outcome(
    id = "0, 1, 1",
    expect = ACCEPTABLE,
    desc = "The racing publish delivered before the removal: its turn came first.")
@Outcome(
    expect = FORBIDDEN,
    desc =
        "Bug: a publish after unsubscribe returned still delivered, or a delivery was counted"
            + " without a handler call, or twice.")
@State
public class RegistryUnsubscribeWhilePublishTest {

  private final UnifiedEventBus bus = Buses.sync();
  private final AtomicInteger calls = new AtomicInteger();
  private final Subscription subscription =
      bus.subscribe(Ping.class, event -> calls.incrementAndGet());

  @Actor
  public void unsubscribeThenPublish(III_Result r) {
    bus.unsubscribe(subscription.id());
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
