package dev.eventbus.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import dev.eventbus.core.spi.EventProcessor;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

class CopyOnWriteSubscriptionRegistryTest {

  private final EventProcessor processor = TestSubscribers.neverDelivers();
  private final CopyOnWriteSubscriptionRegistry registry = new CopyOnWriteSubscriptionRegistry(100);

  record Named(String eventType) implements DomainEvent {}

  private RegisteredSubscriber subscriber(long id, int priority) {
    return TestSubscribers.subscriber(id, priority, event -> {}, RetryPolicy.none(), processor);
  }

  @Test
  void aSnapshot_neverChangesAfterItWasTaken() {
    registry.add(String.class, subscriber(1, 0));
    RegistrySnapshot before = registry.snapshot();

    registry.add(String.class, subscriber(2, 0));
    registry.remove(new SubscriptionId(1));

    assertThat(before.size()).isEqualTo(1);
    assertThat(before.all()).extracting(RegisteredSubscriber::sequence).containsExactly(1L);
    assertThat(registry.snapshot().all())
        .extracting(RegisteredSubscriber::sequence)
        .containsExactly(2L);
    assertThat(registry.snapshot().version()).isEqualTo(before.version() + 2);
  }

  @Test
  void remove_ofAnUnknownId_changesNothing() {
    registry.add(String.class, subscriber(1, 0));
    RegistrySnapshot before = registry.snapshot();

    assertThat(registry.remove(new SubscriptionId(99))).isNull();
    assertThat(registry.snapshot()).isSameAs(before);
  }

  @Test
  void resolution_mergesHierarchyNameAndWildcardInDeliveryOrder() {
    registry.add(CharSequence.class, subscriber(1, 5));
    registry.add(Object.class, subscriber(2, 9));
    registry.add(Serializable.class, subscriber(3, 5));
    registry.add("java.lang.String", subscriber(4, 7));
    registry.add("*", subscriber(5, 1));
    registry.add(Integer.class, subscriber(6, 100));

    RegisteredSubscriber[] resolved = registry.subscribersFor("text");

    assertThat(resolved)
        .extracting(RegisteredSubscriber::sequence)
        .containsExactly(2L, 4L, 1L, 3L, 5L);
  }

  @Test
  void resolution_isCachedPerSnapshot_andRecomputedAfterAChange() {
    registry.add(String.class, subscriber(1, 0));
    RegisteredSubscriber[] first = registry.subscribersFor("a");
    assertThat(registry.subscribersFor("b")).isSameAs(first);

    registry.add(Object.class, subscriber(2, 0));

    assertThat(registry.subscribersFor("c"))
        .extracting(RegisteredSubscriber::sequence)
        .containsExactly(1L, 2L);
  }

  @Test
  void domainEventsOfOneClass_resolveByTheirOwnTypeName() {
    registry.add("alpha", subscriber(1, 0));
    registry.add("beta", subscriber(2, 0));
    registry.add(Named.class, subscriber(3, 0));

    assertThat(registry.subscribersFor(new Named("alpha")))
        .extracting(RegisteredSubscriber::sequence)
        .containsExactly(1L, 3L);
    assertThat(registry.subscribersFor(new Named("beta")))
        .extracting(RegisteredSubscriber::sequence)
        .containsExactly(2L, 3L);
    assertThat(registry.subscribersFor(new Named("gamma")))
        .extracting(RegisteredSubscriber::sequence)
        .containsExactly(3L);
  }

  @Test
  void manyTypeNamesOnOneClass_stayCorrectPastTheCacheBound() {
    for (int i = 0; i < 600; i++) {
      registry.add("type-" + i, subscriber(i + 1, 0));
    }

    for (int i = 0; i < 600; i++) {
      assertThat(registry.subscribersFor(new Named("type-" + i)))
          .extracting(RegisteredSubscriber::sequence)
          .containsExactly((long) i + 1);
    }
  }

  @Test
  void emptyRegistry_resolvesToTheSharedEmptyArray() {
    assertThat(registry.subscribersFor("x")).isEmpty();
    assertThat(registry.subscribersFor("x")).isSameAs(registry.subscribersFor(42));
  }

  @Test
  void tenThousandSubscriptions_toOneType_keepOrderAndRemoveCleanly() {
    for (int i = 1; i <= 10_000; i++) {
      registry.add(String.class, subscriber(i, i % 3));
    }
    registry.remove(new SubscriptionId(5_000));

    RegisteredSubscriber[] resolved = registry.subscribersFor("x");

    assertThat(resolved).hasSize(9_999).isSortedAccordingTo(RegisteredSubscriber.DELIVERY_ORDER);
    assertThat(registry.snapshot().size()).isEqualTo(9_999);
  }
}
