package dev.eventbus.transportsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.transport.InboundBuilder;
import dev.eventbus.transport.RelayBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The misuses every relay and inbound builder refuses by name ({@link RelayBuilder}, {@link
 * InboundBuilder}), checked in a transport's words; its tests add the refusals of its own settings.
 */
public final class BuilderRefusals {

  private BuilderRefusals() {}

  /**
   * Checks a relay builder: an unannotated class routed by annotation, a class routed twice, a
   * blank destination, a blank name, a batch size below one, no route.
   *
   * @param <B> the transport's relay builder
   * @param builder a new builder with no route
   * @param build builds the relay
   * @param transport the transport's name ({@code Kafka})
   * @param destination what a destination is called ({@code topic})
   * @param annotation the simple name of the transport's annotation ({@code KafkaTopic})
   */
  public static <B extends RelayBuilder<B>> void relay(
      Supplier<B> builder,
      Consumer<B> build,
      String transport,
      String destination,
      String annotation) {
    String order = OrderPlaced.class.getName();
    assertThatThrownBy(() -> builder.get().route(OrderPlaced.class, OrderPlaced::orderId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            order
                + " has no @"
                + annotation
                + " annotation: annotate the class or name the "
                + destination
                + " in route(type, "
                + destination
                + ", eventId)");
    assertThatThrownBy(
            () ->
                builder
                    .get()
                    .route(OrderPlaced.class, "a", OrderPlaced::orderId)
                    .route(OrderPlaced.class, "b", OrderPlaced::orderId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(order + " is routed already, to " + destination + " a");
    assertThatThrownBy(() -> builder.get().route(OrderPlaced.class, " ", OrderPlaced::orderId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(destination + " must not be blank");
    assertThatThrownBy(() -> builder.get().name(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> builder.get().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be >= 1 but was 0");
    assertThatThrownBy(() -> build.accept(builder.get()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the "
                + transport
                + " relay "
                + transport.toLowerCase(Locale.ROOT)
                + " has no route: add route(type, "
                + destination
                + ", eventId)");
  }

  /**
   * Checks an inbound builder: no channel, a blank group, a blank channel, a poll timeout or retry
   * backoff that is not positive.
   *
   * @param <B> the transport's inbound builder
   * @param builder a new builder for a group, with no channel
   * @param channels adds channels ({@code topics}, {@code streams})
   * @param build builds the inbound side
   * @param transport the transport's name ({@code Kafka})
   * @param channel what a channel is called ({@code topic})
   */
  public static <B extends InboundBuilder<B>> void inbound(
      Function<String, B> builder,
      BiConsumer<B, String[]> channels,
      Consumer<B> build,
      String transport,
      String channel) {
    assertThatThrownBy(() -> build.accept(builder.apply("g")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the "
                + transport
                + " inbound of group g has no "
                + channel
                + ": add "
                + channel
                + "s(...)");
    assertThatThrownBy(() -> builder.apply(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("groupId must not be blank");
    assertThatThrownBy(() -> channels.accept(builder.apply("g"), new String[] {"s", ""}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(channel + " must not be blank");
    assertThatThrownBy(() -> builder.apply("g").pollTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollTimeout must be > 0 but was PT0S");
    assertThatThrownBy(() -> builder.apply("g").retryBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryBackoff must be > 0 but was PT-0.001S");
  }
}
