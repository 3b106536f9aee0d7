package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * One actor closes an existing subscription while the other adds a new one: two writers swapping
 * snapshots. A lost update would bring the closed one back or lose the new one.
 *
 * <p>r1: calls of the closed subscription's handler; r2: calls of the new one's; r3: {@code
 * stats().subscriptions()}; r4: subscribers of the arbiter's publish.
 */
@JCStressTest
@Description(
    "Unsubscribe racing subscribe (sync bus): afterwards exactly the new subscription is there.")
@Outcome(
    id = "0, 1, 1, 1",
    expect = ACCEPTABLE,
    desc = "The closed subscription is gone, the new one registered.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: the closed subscription came back, or the new one was lost.")
@State
public class RegistryUnsubscribeWhileSubscribeTest {

  private final UnifiedEventBus bus = Buses.sync();
  private final AtomicInteger closedCalls = new AtomicInteger();
  private final AtomicInteger newCalls = new AtomicInteger();
  private final Subscription existing =
      bus.subscribe(Ping.class, event -> closedCalls.incrementAndGet());

  @Actor
  public void close() {
    existing.close();
  }

  @Actor
  public void subscribe() {
    bus.subscribe(Ping.class, event -> newCalls.incrementAndGet());
  }

  @Arbiter
  public void publish(IIII_Result r) {
    PublishResult result = bus.publish(new Ping(0));
    r.r1 = closedCalls.get();
    r.r2 = newCalls.get();
    r.r3 = bus.stats().subscriptions();
    r.r4 = result.subscribers();
  }
}
