package dev.eventbus.transport;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.ProcessedEventLog;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.durable.InMemoryProcessedEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every inbound side's builder configures: its group, the bus and storage it publishes into,
 * its channels (topics, streams), the processed-event log that drops duplicates, its poll timeout
 * and retry backoff, and the propagator that continues the sender's trace. A transport's builder
 * extends it with its connection settings and builds its inbound side from {@link #settings()}.
 *
 * @param <B> the transport's builder, which each setter returns
 */
public abstract class InboundBuilder<B extends InboundBuilder<B>> {

  private final String transport;
  private final String channelWord;
  private final String groupId;
  private final UnifiedEventBus bus;
  private final DurableStorage storage;
  private final List<String> channels = new ArrayList<>();
  private ProcessedEventLog processed = InMemoryProcessedEventLog.withCapacity(100_000);
  private Duration pollTimeout = Duration.ofMillis(200);
  private Duration retryBackoff = Duration.ofSeconds(1);
  private @Nullable ContextPropagator contextPropagator;

  /**
   * A builder with no channels.
   *
   * @param transport the transport's name in messages ({@code Kafka}, {@code Redis})
   * @param channelWord what a channel is called ({@code topic}, {@code stream})
   * @param groupId the consumer group
   * @param bus the bus events are published into
   * @param storage the bus's storage (for a bus without storage, one that only decodes and keeps
   *     the side's dead letters): decodes messages (codec and upcasters) and keeps the dead letters
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code groupId} is blank
   */
  protected InboundBuilder(
      String transport,
      String channelWord,
      String groupId,
      UnifiedEventBus bus,
      DurableStorage storage) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.channelWord = Objects.requireNonNull(channelWord, "channelWord");
    this.groupId = Checks.notBlank("groupId", groupId);
    this.bus = Objects.requireNonNull(bus, "bus");
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  @SuppressWarnings("unchecked") // B is the class that extends this one
  private B self() {
    return (B) this;
  }

  /**
   * Adds channels to consume, for the transport's {@code topics(...)} or {@code streams(...)}.
   *
   * @param names the channels
   * @return this builder
   * @throws IllegalArgumentException if a name is blank: {@code <channel word> must not be blank}
   */
  protected final B addChannels(String... names) {
    for (String channel : names) {
      channels.add(Checks.notBlank(channelWord, channel));
    }
    return self();
  }

  /**
   * Where the ids of published events are kept, to drop duplicates; default an in-memory log of the
   * last 100,000 ids (this process only). Give the store's log (a JDBC store's {@code
   * processedEventLog()}) to drop duplicates across restarts.
   *
   * @param log the processed-event log
   * @return this builder
   * @throws NullPointerException if {@code log} is null
   */
  public B processedEvents(ProcessedEventLog log) {
    this.processed = Objects.requireNonNull(log, "log");
    return self();
  }

  /**
   * How long one read (a Kafka poll, an {@code XREADGROUP}) waits for messages; default 200 ms.
   *
   * @param pollTimeout positive
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public B pollTimeout(Duration pollTimeout) {
    this.pollTimeout = Checks.positive("pollTimeout", pollTimeout);
    return self();
  }

  /**
   * How long a channel waits after a failed publish (or the inbound side after a failed command)
   * before the message is tried again; default one second.
   *
   * @param retryBackoff positive
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public B retryBackoff(Duration retryBackoff) {
    this.retryBackoff = Checks.positive("retryBackoff", retryBackoff);
    return self();
  }

  /**
   * Publishes each message's event in the trace its {@link MessageFields#TRACEPARENT} names, so
   * that the local handlers continue the sender's trace; give it the propagator the bus has. None
   * by default: the trace fields are ignored.
   *
   * @param contextPropagator the bus's propagator
   * @return this builder
   * @throws NullPointerException if {@code contextPropagator} is null
   */
  public B contextPropagator(ContextPropagator contextPropagator) {
    this.contextPropagator = Objects.requireNonNull(contextPropagator, "contextPropagator");
    return self();
  }

  /**
   * What was configured, for the transport's inbound side.
   *
   * @return the settings
   * @throws IllegalStateException if no channel was given: {@code the <transport> inbound of group
   *     <group> has no <channel word>: add <channel word>s(...)}
   */
  protected final InboundSettings settings() {
    if (channels.isEmpty()) {
      throw new IllegalStateException(
          "the "
              + transport
              + " inbound of group "
              + groupId
              + " has no "
              + channelWord
              + ": add "
              + channelWord
              + "s(...)");
    }
    return new InboundSettings(
        transport,
        groupId,
        List.copyOf(channels),
        bus,
        storage,
        processed,
        pollTimeout,
        retryBackoff,
        contextPropagator);
  }
}
