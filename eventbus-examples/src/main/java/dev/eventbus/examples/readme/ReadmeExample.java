package dev.eventbus.examples.readme;

import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;

/**
 * The "Usage" example of the README. The lines between the {@code README:start} and {@code
 * README:end} markers must equal the README's code block; {@code ReadmeExampleTest} checks that,
 * and runs the example.
 */
public final class ReadmeExample {

  private ReadmeExample() {}

  public static void main(String[] args) {
    run();
  }

  /**
   * Runs the README example, which prints to {@code System.out}, and returns its publish result.
   */
  public static PublishResult run() {
    // README:start
    UnifiedEventBus bus = EventBusFactory.createDefault();

    Subscription billing =
        bus.subscribe(
            OrderPlaced.class,
            event -> System.out.println("bill " + event.orderId()),
            SubscriptionOptions.builder()
                .priority(200)
                .retryPolicy(RetryPolicy.fixed(3, Duration.ofMillis(10)))
                .build());
    bus.subscribe("*", event -> System.out.println("audit " + event));

    PublishResult result = bus.publish(new OrderPlaced("o-1", 4_200));
    System.out.println(result.delivered() + " handlers ran; " + result.failed() + " failed");

    billing.close();
    bus.close();
    // README:end
    return result;
  }
}
