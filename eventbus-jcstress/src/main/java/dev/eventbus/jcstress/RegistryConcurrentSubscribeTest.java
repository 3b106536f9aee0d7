package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.PublishResult;
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
 * Two actors subscribe at once: both build a new snapshot from the same one and race to
 * compare-and-set it. A lost update would drop one subscription.
 *
 * <p>r1: subscribers of a publish after both returned; r2: {@code stats().subscriptions()}; r3:
 * handler calls of that publish.
 */
@JCStressTest
@Description("Two concurrent subscribes (sync bus): both subscriptions survive the snapshot swap.")
@Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "Both subscriptions registered and called.")
@Outcome(expect = FORBIDDEN, desc = "Bug: a concurrent subscribe lost the other's subscription.")
@State
public class RegistryConcurrentSubscribeTest {

  private final UnifiedEventBus bus = Buses.sync();
  private final AtomicInteger calls = new AtomicInteger();

  @Actor
  public void subscribeA() {
    bus.subscribe(Ping.class, event -> calls.incrementAndGet());
  }

  @Actor
  public void subscribeB() {
    bus.subscribe(Ping.class, event -> calls.incrementAndGet());
  }

  @Arbiter
  public void publish(III_Result r) {
    PublishResult result = bus.publish(new Ping(0));
    r.r1 = result.subscribers();
    r.r2 = bus.stats().subscriptions();
    r.r3 = calls.get();
  }
}
