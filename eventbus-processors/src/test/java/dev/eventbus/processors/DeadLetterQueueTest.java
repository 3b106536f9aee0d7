package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.testkit.SampleEvents.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeadLetterQueueTest {

  /** A handler that fails until it is fixed, and records what it handled. */
  private static final class Billing {
    final AtomicBoolean fixed = new AtomicBoolean();
    final List<OrderPlaced> billed = new ArrayList<>();

    synchronized void bill(OrderPlaced order) {
      if (!fixed.get()) {
        throw new IllegalStateException("billing down for " + order.orderId());
      }
      billed.add(order);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ProcessingMode.class,
      names = {"SYNC", "ASYNC", "BATCH"})
  void finalFailures_landInTheQueue_andReplayDeliversThemToTheFailedSubscriptionOnly(
      ProcessingMode mode) throws Exception {
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      Billing billing = new Billing();
      List<OrderPlaced> audited = new ArrayList<>();
      Subscription billingSubscription =
          bus.subscribe(OrderPlaced.class, billing::bill, SubscriptionOptions.mode(mode));
      bus.subscribe(OrderPlaced.class, audited::add);

      for (int i = 1; i <= 3; i++) {
        PublishResult result =
            bus.publishAsync(new OrderPlaced("o-" + i, i)).get(10, TimeUnit.SECONDS);
        assertThat(result.deadLettered()).isEqualTo(1);
      }
      DeadLetterQueue queue = bus.deadLetters().orElseThrow();
      assertThat(queue.list())
          .extracting(letter -> letter.event())
          .containsExactly(
              new OrderPlaced("o-1", 1), new OrderPlaced("o-2", 2), new OrderPlaced("o-3", 3));
      assertThat(queue.list())
          .extracting(HandlerFailure::subscriptionId)
          .containsOnly(billingSubscription.id());

      billing.fixed.set(true);
      DeadLetterQueue.ReplayReport report =
          queue.replay(letter -> !letter.event().equals(new OrderPlaced("o-2", 2)));

      assertThat(report).isEqualTo(new DeadLetterQueue.ReplayReport(2, 0, 0));
      assertThat(billing.billed)
          .containsExactly(new OrderPlaced("o-1", 1), new OrderPlaced("o-3", 3));
      assertThat(audited).hasSize(3);
      assertThat(queue.size()).isEqualTo(1);
      assertThat(bus.stats().delivered()).isEqualTo(3 + 2);
    }
  }

  @Test
  void aLetterThatFailsAgain_comesBack_andOneWhoseSubscriptionIsGoneStays() {
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      Billing billing = new Billing();
      Subscription first = bus.subscribe(OrderPlaced.class, billing::bill);
      bus.publish(new OrderPlaced("o-1", 1));
      first.close();
      bus.subscribe(OrderPlaced.class, billing::bill);
      bus.publish(new OrderPlaced("o-2", 2));
      DeadLetterQueue queue = bus.deadLetters().orElseThrow();

      DeadLetterQueue.ReplayReport report = queue.replayAll();

      assertThat(report).isEqualTo(new DeadLetterQueue.ReplayReport(0, 1, 1));
      assertThat(queue.list())
          .extracting(letter -> letter.event())
          .containsExactly(new OrderPlaced("o-1", 1), new OrderPlaced("o-2", 2));
    }
  }

  @Test
  void theQueueKeepsItsCapacity_evictingTheOldestAndCountingThem() {
    EventBusConfig config = EventBusConfig.builder().deadLetterCapacity(2).build();
    try (UnifiedEventBus bus = EventBusFactory.createWithConfig(config)) {
      bus.subscribe(
          Integer.class,
          event -> {
            throw new IllegalStateException("no " + event);
          });
      for (int i = 0; i < 5; i++) {
        bus.publish(i);
      }
      DeadLetterQueue queue = bus.deadLetters().orElseThrow();

      assertThat(queue.list()).extracting(letter -> letter.event()).containsExactly(3, 4);
      assertThat(queue.evicted()).isEqualTo(3);
      queue.clear();
      assertThat(queue.size()).isZero();
    }
  }

  @Test
  void withoutStorage_lettersAreNumberedInArrival_filteredReplayedByIdAndPurged() {
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      Billing billing = new Billing();
      bus.subscribe(
          OrderPlaced.class, billing::bill, SubscriptionOptions.builder().name("billing").build());
      bus.publish(new OrderPlaced("o-1", 1));
      bus.publish(new OrderPlaced("o-2", 2));
      bus.publish(new OrderPlaced("o-3", 3));
      DeadLetterQueue queue = bus.deadLetters().orElseThrow();

      List<DeadLetter> letters = queue.letters(DeadLetterFilter.all());
      assertThat(letters)
          .extracting(DeadLetter::id)
          .containsExactly(
              new DeadLetter.Id("billing", 1),
              new DeadLetter.Id("billing", 2),
              new DeadLetter.Id("billing", 3));
      assertThat(letters.get(0).errorType()).isEqualTo(IllegalStateException.class.getName());
      assertThat(letters.get(0).errorMessage()).isEqualTo("billing down for o-1");
      assertThat(letters.get(0).stackTrace()).contains("billing down for o-1");
      assertThat(queue.letters(DeadLetterFilter.all().subscription("audit"))).isEmpty();
      assertThat(queue.notStored()).isZero();
      assertThat(queue.quarantined()).isEmpty();

      billing.fixed.set(true);
      assertThat(queue.replay(new DeadLetter.Id("billing", 2)))
          .isEqualTo(new DeadLetterQueue.ReplayReport(1, 0, 0));
      queue.purge(new DeadLetter.Id("billing", 1));

      assertThat(billing.billed).containsExactly(new OrderPlaced("o-2", 2));
      assertThat(queue.letters(DeadLetterFilter.all()))
          .extracting(DeadLetter::id)
          .containsExactly(new DeadLetter.Id("billing", 3));
      assertThatThrownBy(() -> queue.replay(new DeadLetter.Id("billing", 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no dead letter billing@1 in the bus's queue");
      assertThatThrownBy(() -> queue.purge(new DeadLetter.Id("billing", 9)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no dead letter billing@9 in the bus's queue");
      assertThat(queue.purge(DeadLetterFilter.all())).isEqualTo(1);
      assertThat(queue.size()).isZero();
    }
  }

  @Test
  void aCustomDeadLetterHandler_replacesTheQueue() {
    List<HandlerFailure> letters = new ArrayList<>();
    try (UnifiedEventBus bus = EventBusFactory.builder().deadLetterHandler(letters::add).build()) {
      bus.subscribe(
          Integer.class,
          event -> {
            throw new IllegalStateException("no");
          });
      bus.publish(1);

      assertThat(bus.deadLetters()).isEmpty();
      assertThat(letters).hasSize(1);
    }
  }
}
