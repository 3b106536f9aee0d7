package dev.eventbus.transport;

import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A relay's configuration from its {@link RelayBuilder}: its name, its routes, its retry policy and
 * its propagator. The relay attaches and closes its routes through it.
 */
public final class RelaySettings {

  private final String transport;
  private final String name;
  private final EventCodec codec;
  private final RelayRoutes routes;
  private final RetryPolicy retryPolicy;
  private final @Nullable ContextPropagator contextPropagator;

  RelaySettings(
      String transport,
      String name,
      EventCodec codec,
      RelayRoutes routes,
      RetryPolicy retryPolicy,
      @Nullable ContextPropagator contextPropagator) {
    this.transport = transport;
    this.name = name;
    this.codec = codec;
    this.routes = routes;
    this.retryPolicy = retryPolicy;
    this.contextPropagator = contextPropagator;
  }

  /**
   * The relay's name.
   *
   * @return the name its subscriptions carry
   */
  public String name() {
    return name;
  }

  /**
   * Subscribes one tracked subscription per route to {@code bus} ({@link RelayRoutes#attach}),
   * retrying only the transport's send failures under the configured policy.
   *
   * @param prefix the subscriptions' name prefix ({@code kafka-relay:})
   * @param bus the bus whose events of the routed types go out
   * @param sendFailure the exception of a send that may pass (broker down, timeout): the only one
   *     retried
   * @param refusal makes the exception a delivery fails with when the id function gives no id (not
   *     retried: a dead letter)
   * @param sender sends a batch of messages
   * @return the subscriptions, in route order
   * @throws IllegalStateException if attached already or closed
   */
  public List<Subscription> attach(
      String prefix,
      UnifiedEventBus bus,
      Class<? extends RuntimeException> sendFailure,
      Function<String, RuntimeException> refusal,
      RelayRoutes.Sender sender) {
    RetryPolicy policy =
        retryPolicy.toBuilder()
            .retryOn(failure -> sendFailure.isInstance(failure) && retryPolicy.isRetryable(failure))
            .build();
    return routes.attach(
        transport + " relay " + name,
        prefix,
        name,
        bus,
        codec,
        contextPropagator,
        policy,
        refusal,
        sender);
  }

  /**
   * Closes the subscriptions (their pending deliveries stay in the store).
   *
   * @return false if closed already
   */
  public boolean close() {
    return routes.close();
  }
}
