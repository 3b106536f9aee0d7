package dev.eventbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  record Placed(String id) implements DomainEvent {
    @Override
    public String eventType() {
      return "order.placed";
    }

    @Override
    public String partitionKey() {
      return id;
    }

    @Override
    public int version() {
      return 3;
    }

    @Override
    public EventPriority priority() {
      return EventPriority.HIGH;
    }
  }

  @Test
  void domainEventMetadata_comesFromTheEventOrDefaultsForPlainObjects() {
    Placed placed = new Placed("o-1");

    assertThat(DomainEvent.typeNameOf(placed)).isEqualTo("order.placed");
    assertThat(DomainEvent.versionOf(placed)).isEqualTo(3);
    assertThat(DomainEvent.partitionKeyOf(placed)).isEqualTo("o-1");
    assertThat(DomainEvent.priorityOf(placed)).isEqualTo(EventPriority.HIGH);
    assertThat(DomainEvent.typeNameOf("text")).isEqualTo("java.lang.String");
    assertThat(DomainEvent.versionOf("text")).isEqualTo(1);
    assertThat(DomainEvent.partitionKeyOf("text")).isNull();
    assertThat(DomainEvent.priorityOf("text")).isEqualTo(EventPriority.NORMAL);
  }

  @Test
  void handlerFailure_namesTheEventsType_andRejectsNoAttempts() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    HandlerFailure failure =
        new HandlerFailure(
            new SubscriptionId(3),
            "billing",
            ProcessingMode.ASYNC,
            new Placed("o-1"),
            new IllegalStateException("down"),
            2,
            now);

    assertThat(failure.eventType()).isEqualTo("order.placed");
    assertThat(failure)
        .hasToString(
            "HandlerFailure{sub-3 'billing' on order.placed after 2 attempt(s):"
                + " java.lang.IllegalStateException: down}");
    assertThatThrownBy(
            () ->
                new HandlerFailure(
                    new SubscriptionId(3),
                    "billing",
                    ProcessingMode.ASYNC,
                    "e",
                    new IllegalStateException(),
                    0,
                    now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempts");
  }

  @Test
  void adaptiveChoice_refusesAdaptiveAsItsModeAndANegativeSwitchCount() {
    assertThat(new AdaptiveChoice(ProcessingMode.BATCH, 2, "flood").switches()).isEqualTo(2);
    assertThatThrownBy(() -> new AdaptiveChoice(ProcessingMode.ADAPTIVE, 0, "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode must be SYNC, ASYNC or BATCH but was ADAPTIVE");
    assertThatThrownBy(() -> new AdaptiveChoice(ProcessingMode.SYNC, -1, "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("switches must be >= 0 but was -1");
    assertThatThrownBy(() -> new AdaptiveChoice(ProcessingMode.SYNC, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reason");
  }

  @Test
  void subscriptionOptions_leaveUnsetValuesEmpty() {
    SubscriptionOptions options = SubscriptionOptions.defaults();

    assertThat(options.processingMode()).isEmpty();
    assertThat(options.filter()).isEmpty();
    assertThat(options.retryPolicy()).isEmpty();
    assertThat(options.overflowPolicy()).isEmpty();
    assertThat(options.name()).isEmpty();
    assertThat(options.batchSize()).isEmpty();
    assertThat(options.priority()).isEmpty();
  }

  @Test
  void subscriptionOptions_keepWhatWasSet_throughToBuilder() {
    SubscriptionOptions options =
        SubscriptionOptions.builder()
            .mode(ProcessingMode.BATCH)
            .batchSize(50)
            .priority(-3)
            .name("audit")
            .overflowPolicy(OverflowPolicy.DROP_OLDEST)
            .retryPolicy(RetryPolicy.fixed(2, Duration.ZERO))
            .build()
            .toBuilder()
            .build();

    assertThat(options.processingMode()).contains(ProcessingMode.BATCH);
    assertThat(options.batchSize()).hasValue(50);
    assertThat(options.priority()).hasValue(-3);
    assertThat(options.name()).contains("audit");
    assertThat(options.overflowPolicy()).contains(OverflowPolicy.DROP_OLDEST);
    assertThat(SubscriptionOptions.mode(ProcessingMode.ASYNC).processingMode())
        .contains(ProcessingMode.ASYNC);
  }

  @Test
  void subscriptionOptions_rejectBadValues() {
    assertThatThrownBy(() -> SubscriptionOptions.builder().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subscription.batchSize")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> SubscriptionOptions.builder().name("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subscription.name");
  }

  @Test
  void batchHandler_getsASingleEventAsABatchOfOne() throws Exception {
    List<List<String>> batches = new java.util.ArrayList<>();
    BatchEventHandler<String> handler = batches::add;

    handler.handle("one");

    assertThat(batches).containsExactly(List.of("one"));
  }

  @Test
  void filters_combine() {
    EventFilter longText = event -> event.toString().length() > 3;
    EventFilter startsWithA = event -> event.toString().startsWith("a");

    assertThat(longText.and(startsWithA).accept("abcd")).isTrue();
    assertThat(longText.and(startsWithA).accept("bcde")).isFalse();
    assertThat(longText.or(startsWithA).accept("ab")).isTrue();
    assertThat(longText.negate().accept("ab")).isTrue();
    assertThat(EventFilter.acceptAll().accept("x")).isTrue();
  }

  @Test
  void subscriptionId_mustBePositive_andPrintsShort() {
    assertThat(new SubscriptionId(5)).hasToString("sub-5");
    assertThatThrownBy(() -> new SubscriptionId(0)).hasMessageContaining("0");
  }

  @Test
  void shutdownReport_sumsUndelivered() {
    ShutdownReport report =
        new ShutdownReport(
            false,
            10,
            List.of(
                new ShutdownReport.Undelivered(new SubscriptionId(1), "a", 3),
                new ShutdownReport.Undelivered(new SubscriptionId(2), "b", 4)),
            Duration.ofMillis(5));

    assertThat(report.totalUndelivered()).isEqualTo(7);
    assertThatThrownBy(() -> new ShutdownReport.Undelivered(new SubscriptionId(1), "a", 0))
        .hasMessageContaining("count");
  }
}
