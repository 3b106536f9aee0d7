package dev.eventbus.transport;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.ProcessedEventLog;
import dev.eventbus.durable.DurableStorage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * An inbound side's configuration from its {@link InboundBuilder}: its group, its channels, its
 * timings, and the {@link InboundHandling} it runs each message through.
 */
public final class InboundSettings {

  private final String transport;
  private final String groupId;
  private final List<String> channels;
  private final UnifiedEventBus bus;
  private final DurableStorage storage;
  private final ProcessedEventLog processed;
  private final Duration pollTimeout;
  private final Duration retryBackoff;
  private final @Nullable ContextPropagator contextPropagator;

  InboundSettings(
      String transport,
      String groupId,
      List<String> channels,
      UnifiedEventBus bus,
      DurableStorage storage,
      ProcessedEventLog processed,
      Duration pollTimeout,
      Duration retryBackoff,
      @Nullable ContextPropagator contextPropagator) {
    this.transport = transport;
    this.groupId = groupId;
    this.channels = channels;
    this.bus = bus;
    this.storage = storage;
    this.processed = processed;
    this.pollTimeout = pollTimeout;
    this.retryBackoff = retryBackoff;
    this.contextPropagator = contextPropagator;
  }

  /**
   * The consumer group.
   *
   * @return its id
   */
  public String groupId() {
    return groupId;
  }

  /**
   * The channels to consume (topics, streams).
   *
   * @return their names, in the order given
   */
  public List<String> channels() {
    return channels;
  }

  /**
   * How long one read waits for messages.
   *
   * @return the poll timeout
   */
  public Duration pollTimeout() {
    return pollTimeout;
  }

  /**
   * How long a held message waits before it is tried again.
   *
   * @return the retry backoff
   */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /**
   * The side's name in logs and messages.
   *
   * @return {@code <transport> inbound <group>}
   */
  public String owner() {
    return transport + " inbound " + groupId;
  }

  /**
   * The name under which the side's dead letters and processed ids are kept, and the prefix of its
   * dead-letter subscriptions.
   *
   * @return {@code <transport in lower case>:<group>}
   */
  public String scope() {
    return transport.toLowerCase(Locale.ROOT) + ":" + groupId;
  }

  /**
   * The handling of this side's messages: duplicates dropped under {@link #scope()}, undecodable
   * messages to the dead letters, events published in the sender's trace.
   *
   * @param words the transport's words for reasons
   * @param undecodable makes the reason of a dead letter from a message and a cause
   * @return a new handling, one per inbound side
   */
  public InboundHandling handling(
      InboundMessage.Words words,
      BiFunction<String, @Nullable Throwable, ? extends UndecodableMessageException> undecodable) {
    return new InboundHandling(
        owner(),
        scope(),
        words,
        bus,
        storage,
        processed,
        retryBackoff,
        contextPropagator,
        undecodable);
  }
}
