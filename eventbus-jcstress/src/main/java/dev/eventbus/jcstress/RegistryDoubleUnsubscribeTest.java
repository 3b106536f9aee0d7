package dev.eventbus.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.UnknownSubscriptionException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two actors unsubscribe the same subscription: {@code unsubscribe} is strict, so exactly one
 * succeeds and the other throws {@link UnknownSubscriptionException}.
 *
 * <p>r1, r2: 1 if that actor's unsubscribe returned, 0 if it threw UnknownSubscriptionException, 2
 * for any other exception; r3: {@code stats().subscriptions()} afterwards.
 */
@JCStressTest
@Description("Two concurrent unsubscribes of one subscription (sync bus): exactly one wins.")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "The first actor removed it.")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "The second actor removed it.")
@Outcome(
    expect = FORBIDDEN,
    desc = "Bug: both or neither removed it, an unexpected exception, or it is still registered.")
@State
public class RegistryDoubleUnsubscribeTest {

  private final UnifiedEventBus bus = Buses.sync();
  private final Subscription subscription = bus.subscribe(Ping.class, event -> {});

  @Actor
  public void first(III_Result r) {
    r.r1 = unsubscribe();
  }

  @Actor
  public void second(III_Result r) {
    r.r2 = unsubscribe();
  }

  @Arbiter
  public void subscriptions(III_Result r) {
    r.r3 = bus.stats().subscriptions();
  }

  private int unsubscribe() {
    try {
      bus.unsubscribe(subscription.id());
      return 1;
    } catch (UnknownSubscriptionException unknown) {
      return 0;
    } catch (RuntimeException other) {
      return 2;
    }
  }
}
