package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.AdaptiveChoice;
import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.TypeStats;
import dev.eventbus.api.UnifiedEventBus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code eventbus}: a read gives the bus's counters (bus-wide, per event type
 * and per subscription) and its dead letters; a write replays every dead letter and returns what
 * became of them. Expose it over HTTP with {@code management.endpoints.web.exposure.include}.
 *
 * @since 0.1
 */
@Endpoint(id = "eventbus")
public class EventBusEndpoint {

  private final UnifiedEventBus bus;

  /**
   * An endpoint over {@code bus}.
   *
   * @param bus the bus
   */
  public EventBusEndpoint(UnifiedEventBus bus) {
    this.bus = bus;
  }

  /**
   * The counters and the dead letters.
   *
   * @return them, as JSON-ready maps
   */
  @ReadOperation
  public Map<String, Object> counters() {
    EventBusStats stats = bus.stats();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", bus.state().name());
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("published", stats.published());
    total.put("unhandled", stats.unhandled());
    total.put("delivered", stats.delivered());
    total.put("failed", stats.failed());
    total.put("filtered", stats.filtered());
    total.put("retried", stats.retried());
    total.put("deadLettered", stats.deadLettered());
    total.put("dropped", stats.dropped());
    total.put("pending", stats.pending());
    total.put("subscriptions", stats.subscriptions());
    body.put("total", total);
    body.put("types", stats.byType().stream().map(EventBusEndpoint::type).toList());
    body.put(
        "subscriptions",
        stats.bySubscription().stream()
            .map(subscription -> subscription(subscription, stats.adaptive()))
            .toList());
    body.put(
        "deadLetters",
        deadLetters().map(DeadLetterQueue::list).orElse(List.of()).stream()
            .map(EventBusEndpoint::deadLetter)
            .toList());
    return body;
  }

  /**
   * Replays every dead letter to the subscription that failed on it.
   *
   * @return how many were delivered, failed again, or had no subscription any more
   */
  @WriteOperation
  public Map<String, Object> replay() {
    DeadLetterQueue queue =
        deadLetters()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the bus hands final failures to a custom dead-letter handler: it keeps"
                            + " no dead letters to replay"));
    DeadLetterQueue.ReplayReport report = queue.replayAll();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("redelivered", report.redelivered());
    body.put("failedAgain", report.failedAgain());
    body.put("subscriptionGone", report.subscriptionGone());
    return body;
  }

  private Optional<DeadLetterQueue> deadLetters() {
    return bus.deadLetters();
  }

  private static Map<String, Object> type(TypeStats type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.type());
    body.put("published", type.published());
    body.put("unhandled", type.unhandled());
    body.put("delivered", type.delivered());
    body.put("filtered", type.filtered());
    body.put("failed", type.failed());
    body.put("retried", type.retried());
    body.put("deadLettered", type.deadLettered());
    body.put("dropped", type.dropped());
    body.put("pending", type.pending());
    return body;
  }

  private static Map<String, Object> subscription(
      SubscriptionStats subscription, Map<SubscriptionId, AdaptiveChoice> adaptive) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", subscription.subscriptionId().value());
    body.put("name", subscription.subscriptionName());
    body.put("eventType", subscription.eventType());
    body.put("mode", subscription.mode().name());
    body.put("delivered", subscription.delivered());
    body.put("filtered", subscription.filtered());
    body.put("failed", subscription.failed());
    body.put("retried", subscription.retried());
    body.put("deadLettered", subscription.deadLettered());
    body.put("dropped", subscription.dropped());
    body.put("queueDepth", subscription.queueDepth());
    AdaptiveChoice choice = adaptive.get(subscription.subscriptionId());
    if (choice != null) {
      Map<String, Object> chosen = new LinkedHashMap<>();
      chosen.put("mode", choice.mode().name());
      chosen.put("switches", choice.switches());
      chosen.put("reason", choice.reason());
      body.put("adaptive", chosen);
    }
    return body;
  }

  private static Map<String, Object> deadLetter(HandlerFailure failure) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subscriptionId", failure.subscriptionId().value());
    body.put("subscriptionName", failure.subscriptionName());
    body.put("eventType", failure.eventType());
    body.put("event", String.valueOf(failure.event()));
    body.put("cause", String.valueOf(failure.cause()));
    body.put("attempts", failure.attempts());
    body.put("failedAt", failure.failedAt().toString());
    return body;
  }
}
