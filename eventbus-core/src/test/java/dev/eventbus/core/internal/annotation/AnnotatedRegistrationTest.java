package dev.eventbus.core.internal.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventFilter;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.core.internal.EventBusCore;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import dev.eventbus.testkit.SampleEvents.OrderShipped;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code register(listener)} on the engine alone, in {@code SYNC}. */
class AnnotatedRegistrationTest {

  private final List<HandlerFailure> failures = new CopyOnWriteArrayList<>();
  private final UnifiedEventBus bus =
      EventBusCore.builder().exceptionHandler(failures::add).build();

  @AfterEach
  void closeBus() {
    bus.close();
  }

  static final class Orders {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.SYNC)
    void placed(OrderPlaced event) {
      calls.add("placed:" + event.orderId());
    }

    @Subscribe(mode = ProcessingMode.SYNC)
    void shipped(OrderShipped event) {
      calls.add("shipped:" + event.orderId());
    }
  }

  static final class Prioritised {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.SYNC, priority = 1)
    void late(OrderPlaced event) {
      calls.add("late");
    }

    @Subscribe(mode = ProcessingMode.SYNC, priority = 50)
    void early(OrderPlaced event) {
      calls.add("early");
    }
  }

  public static final class BigOrdersOnly implements EventFilter {
    public BigOrdersOnly() {}

    @Override
    public boolean accept(Object event) {
      return ((OrderPlaced) event).amountCents() >= 100;
    }
  }

  static final class Filtered {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.SYNC, filter = BigOrdersOnly.class)
    void big(OrderPlaced event) {
      calls.add(event.orderId());
    }
  }

  static final class ByTypeName {
    final List<Object> everything = new CopyOnWriteArrayList<>();
    final List<OrderPlaced> placed = new CopyOnWriteArrayList<>();

    @Subscribe(mode = ProcessingMode.SYNC, eventType = "*")
    void any(Object event) {
      everything.add(event);
    }

    @Subscribe(mode = ProcessingMode.SYNC, eventType = OrderPlaced.TYPE)
    void placed(OrderPlaced event) {
      placed.add(event);
    }
  }

  static final class WrongParameterForTypeName {
    @Subscribe(mode = ProcessingMode.SYNC, eventType = OrderPlaced.TYPE)
    void shipped(OrderShipped event) {}
  }

  static final class Failing {
    @Subscribe(mode = ProcessingMode.SYNC)
    void fail(OrderPlaced event) throws IOException {
      throw new IOException("ledger offline for " + event.orderId());
    }
  }

  static final class TwoModes {
    @Subscribe(mode = ProcessingMode.SYNC)
    void fine(OrderPlaced event) {}

    @Subscribe(mode = {ProcessingMode.SYNC, ProcessingMode.ASYNC})
    void undecided(OrderShipped event) {}
  }

  static final class NoSubscribers {
    void placed(OrderPlaced event) {}
  }

  @Test
  void register_sync_deliversEachEventToTheMethodOfItsType() {
    Orders orders = new Orders();
    bus.register(orders);

    bus.publish(new OrderPlaced("o-1", 10));
    bus.publish(new OrderShipped("o-1", "dhl"));

    assertThat(orders.calls).containsExactly("placed:o-1", "shipped:o-1");
  }

  @Test
  void register_subscriptionsCarryTheAnnotationsModePriorityAndMethodName() {
    ListenerSubscription subscription = (ListenerSubscription) bus.register(new Prioritised());

    assertThat(subscription.subscriptions())
        .extracting(Subscription::name, Subscription::priority, Subscription::mode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Prioritised#early(OrderPlaced)", 50, ProcessingMode.SYNC),
            org.assertj.core.groups.Tuple.tuple(
                "Prioritised#late(OrderPlaced)", 1, ProcessingMode.SYNC));
    assertThat(subscription.name()).isEqualTo(Prioritised.class.getName());
    assertThat(subscription.id()).isEqualTo(subscription.subscriptions().get(0).id());
  }

  @Test
  void priority_higherRunsFirst() {
    Prioritised listener = new Prioritised();
    bus.register(listener);

    bus.publish(new OrderPlaced("o-3", 10));

    assertThat(listener.calls).containsExactly("early", "late");
  }

  @Test
  void filter_isMadeFromItsClass_andApplied() {
    Filtered listener = new Filtered();
    bus.register(listener);

    PublishResult small = bus.publish(new OrderPlaced("small", 99));
    bus.publish(new OrderPlaced("big", 100));

    assertThat(listener.calls).containsExactly("big");
    assertThat(small.filtered()).isEqualTo(1);
  }

  @Test
  void eventType_subscribesByTypeName() {
    ByTypeName listener = new ByTypeName();
    bus.register(listener);

    bus.publish(new OrderPlaced("o-4", 10));
    bus.publish(new OrderShipped("o-4", "ups"));

    assertThat(listener.placed).containsExactly(new OrderPlaced("o-4", 10));
    assertThat(listener.everything)
        .containsExactly(new OrderPlaced("o-4", 10), new OrderShipped("o-4", "ups"));
  }

  @Test
  void eventType_whoseEventDoesNotFitTheParameter_failsWithAClearClassCastException() {
    bus.register(new WrongParameterForTypeName());

    bus.publish(new OrderPlaced("o-5", 10));

    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).cause())
        .isExactlyInstanceOf(ClassCastException.class)
        .hasMessage(
            "@Subscribe method "
                + WrongParameterForTypeName.class.getName()
                + "#shipped(OrderShipped) cannot take an event of "
                + OrderPlaced.class.getName()
                + ": its eventType matched, but it is not a "
                + OrderShipped.class.getName());
  }

  @Test
  void methodsException_isTheFailuresCause_unwrapped() {
    bus.register(new Failing());

    PublishResult result = bus.publish(new OrderPlaced("o-6", 10));

    assertThat(result.failed()).isEqualTo(1);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).subscriptionName()).isEqualTo("Failing#fail(OrderPlaced)");
    assertThat(failures.get(0).cause())
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("ledger offline for o-6");
  }

  @Test
  void close_removesEveryMethodsSubscription() {
    Orders orders = new Orders();
    int before = bus.stats().subscriptions();
    Subscription subscription = bus.register(orders);
    assertThat(bus.stats().subscriptions()).isEqualTo(before + 2);

    subscription.close();
    bus.publish(new OrderPlaced("o-7", 10));
    bus.publish(new OrderShipped("o-7", "dhl"));

    assertThat(orders.calls).isEmpty();
    assertThat(subscription.isActive()).isFalse();
    assertThat(bus.stats().subscriptions()).isEqualTo(before);
  }

  @Test
  void isActive_whileAnyMethodsSubscriptionIs() {
    ListenerSubscription subscription = (ListenerSubscription) bus.register(new Orders());

    subscription.subscriptions().get(0).close();

    assertThat(subscription.isActive()).isTrue();
    subscription.subscriptions().get(1).close();
    assertThat(subscription.isActive()).isFalse();
  }

  @Test
  void registeringTwice_makesTwoIndependentRegistrations() {
    Orders orders = new Orders();
    Subscription first = bus.register(orders);
    Subscription second = bus.register(orders);

    bus.publish(new OrderPlaced("a", 10));
    first.close();
    bus.publish(new OrderPlaced("b", 10));

    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(orders.calls).containsExactly("placed:a", "placed:a", "placed:b");
  }

  @Test
  void listenerWithoutSubscribeMethods_isRejected() {
    assertThatThrownBy(() -> bus.register(new NoSubscribers()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            NoSubscribers.class.getName()
                + " has no @dev.eventbus.api.Subscribe method: nothing to register");
  }

  @Test
  void nullListener_isRejected() {
    assertThatThrownBy(() -> bus.register(nullListener()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
  }

  @Test
  void twoModes_areRejected_beforeAnyMethodIsSubscribed() {
    int before = bus.stats().subscriptions();

    assertThatThrownBy(() -> bus.register(new TwoModes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Subscribe method "
                + TwoModes.class.getName()
                + "#undecided(OrderShipped) names 2 modes [SYNC, ASYNC]: give at most one");
    assertThat(bus.stats().subscriptions()).isEqualTo(before);
  }

  /** Null, past the compiler, to check the contract. */
  private static Object nullListener() {
    return null;
  }
}
