package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.SubscriptionStats;
import dev.eventbus.api.UnifiedEventBus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bus's health, independent of the Spring Boot line: up while the bus is {@code RUNNING}, with
 * its state, queue depths (total and per subscription name) and dead-letter count as details. The
 * health indicators of Spring Boot 3 and 4 ({@code eventBus}) report it.
 */
final class EventBusHealth {

  private EventBusHealth() {}

  static boolean isUp(UnifiedEventBus bus) {
    return bus.state() == EventBusState.RUNNING;
  }

  static Map<String, Object> details(UnifiedEventBus bus) {
    EventBusStats stats = bus.stats();
    Map<String, Long> queues = new LinkedHashMap<>();
    long queued = 0;
    for (SubscriptionStats subscription : stats.bySubscription()) {
      queues.merge(subscription.subscriptionName(), subscription.queueDepth(), Long::sum);
      queued += subscription.queueDepth();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", bus.state().name());
    details.put("queueDepth", queued);
    details.put("queueDepths", queues);
    details.put("pending", stats.pending());
    details.put("deadLetters", bus.deadLetters().map(DeadLetterQueue::size).orElse(0));
    details.put("deadLettered", stats.deadLettered());
    details.put("subscriptions", stats.subscriptions());
    return details;
  }
}
