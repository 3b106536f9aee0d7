package dev.eventbus.transport;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.ProcessedEventLog;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.durable.DurableStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * How a transport's inbound side handles one received message, in channel order:
 *
 * <ol>
 *   <li>an event id seen before (in the processed-event log, under the side's scope) is a duplicate
 *       and is dropped;
 *   <li>the payload is read as JSON and decoded through the storage's {@linkplain
 *       DurableStorage#reader() reader} (upcasters, then the codec) from the type and version the
 *       fields name; a message that cannot be read is stored as a dead letter with the reason and
 *       passed over, so it never blocks its channel;
 *   <li>the event is published into the bus, in the trace the message carries ({@link TraceFields})
 *       when there is a propagator. On a bus {@linkplain UnifiedEventBus#hasStorage() with storage}
 *       {@code publish} returns once the event is stored; on one without, the handling waits until
 *       every handler finished ({@code publishAsync}), and a handler that failed for good (after
 *       the bus's retries) or a dropped delivery leaves the message unsettled, to come again. Then
 *       its id is marked processed.
 * </ol>
 *
 * The transport acknowledges a message (commits its offset, {@code XACK}s its entry) only when
 * {@link #handle} says it is {@linkplain Outcome#settled() settled}; on {@link Outcome#RETRY} it
 * holds the message and tries it again later. One instance per inbound side; {@code handle} is
 * called from one thread at a time.
 */
public final class InboundHandling {

  private static final System.Logger LOG = System.getLogger(InboundHandling.class.getName());

  /** What became of a message. */
  public enum Outcome {
    /** Published into the bus and marked processed. */
    PUBLISHED,
    /** Its event id was processed before: dropped. */
    DUPLICATE,
    /** Undecodable: stored as a dead letter with the reason. */
    DEAD_LETTER,
    /** Not settled (the log, the publish or the dead-letter store failed): try it again later. */
    RETRY;

    /**
     * Whether the transport may acknowledge the message.
     *
     * @return false only for {@link #RETRY}
     */
    public boolean settled() {
      return this != RETRY;
    }
  }

  private final String owner;
  private final String scope;
  private final InboundMessage.Words words;
  private final UnifiedEventBus bus;
  private final DurableStorage storage;
  private final ProcessedEventLog processed;
  private final Duration retryBackoff;
  private final @Nullable ContextPropagator propagator;
  private final BiFunction<String, @Nullable Throwable, ? extends UndecodableMessageException>
      undecodable;
  private final boolean storing;
  private final Clock clock = Clock.systemUTC();
  private final LongAdder published = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();

  /**
   * Creates the handling of one inbound side.
   *
   * @param owner the side's name in logs ({@code Kafka inbound orders})
   * @param scope the processed-event log's scope ({@code kafka:<group>})
   * @param words the transport's words for reasons
   * @param bus the bus events are published into
   * @param storage decodes (codec and upcasters) and keeps the dead letters
   * @param processed the processed-event log
   * @param retryBackoff how long the transport waits before it tries a held message again (for
   *     logs)
   * @param propagator continues the trace a message carries around its publish, or null for none
   * @param undecodable makes the reason of a dead letter from a message and a cause
   */
  public InboundHandling(
      String owner,
      String scope,
      InboundMessage.Words words,
      UnifiedEventBus bus,
      DurableStorage storage,
      ProcessedEventLog processed,
      Duration retryBackoff,
      @Nullable ContextPropagator propagator,
      BiFunction<String, @Nullable Throwable, ? extends UndecodableMessageException> undecodable) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.words = Objects.requireNonNull(words, "words");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.processed = Objects.requireNonNull(processed, "processed");
    this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
    this.propagator = propagator;
    this.undecodable = Objects.requireNonNull(undecodable, "undecodable");
    this.storing = bus.hasStorage();
  }

  /**
   * Handles one message.
   *
   * @param message the message
   * @param deadLetterSubscription the subscription name its dead letter is stored under
   * @return what became of it
   */
  public Outcome handle(InboundMessage message, String deadLetterSubscription) {
    String eventId = message.fields().get(MessageFields.EVENT_ID);
    String eventType = message.fields().get(MessageFields.EVENT_TYPE);
    try {
      if (eventId != null && processed.isProcessed(scope, eventId)) {
        duplicates.increment();
        return Outcome.DUPLICATE;
      }
    } catch (RuntimeException e) {
      return retryLater("the processed-event log cannot be read for " + message.where(), e);
    }
    Object event;
    try {
      event = decode(message, eventId, eventType);
    } catch (UndecodableMessageException reason) {
      return deadLetter(message, deadLetterSubscription, eventType, reason);
    }
    try {
      publish(event, message);
    } catch (RuntimeException e) {
      return retryLater("publishing event " + eventId + " of " + message.where() + " failed", e);
    }
    published.increment();
    try {
      processed.markProcessed(scope, Objects.requireNonNull(eventId));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          owner
              + ": event "
              + eventId
              + " of "
              + message.where()
              + " is published but could not be marked processed; a redelivery would publish it"
              + " again",
          e);
    }
    return Outcome.PUBLISHED;
  }

  /**
   * Publishes in the sender's trace, which the bus then carries to the local handlers. A bus with
   * storage has the event safe once {@code publish} returned; one without has it safe only once
   * every handler finished, so that is what this waits for there, and a handler that failed for
   * good (or a delivery dropped) fails the publish: the message is not settled and comes again.
   */
  @SuppressWarnings("try") // the scope is only closed: the trace is current while it is open
  private void publish(Object event, InboundMessage message) {
    CompletableFuture<PublishResult> handled;
    try (ContextPropagator.Scope trace = TraceFields.restore(propagator, message.fields())) {
      if (storing) {
        bus.publish(event);
        return;
      }
      handled = bus.publishAsync(event);
    }
    PublishResult result;
    try {
      result = handled.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the handlers ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the handlers could not run: " + e.getCause(), e.getCause());
    }
    if (result.failed() > 0 || result.dropped() > 0) {
      throw new IllegalStateException(
          "the bus has no storage and not every handler finished: "
              + result
              + (result.failures().isEmpty()
                  ? ""
                  : "; first failure: " + result.failures().get(0)));
    }
  }

  /** Counts and logs a failure that leaves the message unsettled, to be tried again. */
  private Outcome retryLater(String what, RuntimeException e) {
    publishFailures.increment();
    LOG.log(
        System.Logger.Level.WARNING, owner + ": " + what + "; tried again in " + retryBackoff, e);
    return Outcome.RETRY;
  }

  private Object decode(
      InboundMessage message, @Nullable String eventId, @Nullable String eventType) {
    String where = words.message() + " " + message.where();
    String versionText = message.fields().get(MessageFields.EVENT_VERSION);
    String missing =
        eventId == null
            ? MessageFields.EVENT_ID
            : eventType == null
                ? MessageFields.EVENT_TYPE
                : versionText == null ? MessageFields.EVENT_VERSION : null;
    if (missing != null) {
      throw undecodable.apply(where + " has no " + words.field() + " " + missing, null);
    }
    String what = where + " (event " + eventId + ", " + eventType;
    int version;
    try {
      version = Integer.parseInt(versionText);
    } catch (NumberFormatException e) {
      throw undecodable.apply(
          what + "): the version " + words.field() + " is not a number: " + versionText, e);
    }
    if (version < 1) {
      throw undecodable.apply(
          what + "): the version " + words.field() + " must be >= 1 but was " + version, null);
    }
    what += " v" + version + ")";
    byte[] payload = message.payload();
    if (payload == null) {
      throw undecodable.apply(what + " has no " + words.payload(), null);
    }
    Map<String, Object> data;
    try {
      data = JsonPayload.read(payload);
    } catch (IOException e) {
      throw undecodable.apply(
          what + ": the " + words.payload() + " is not a JSON object: " + e.getMessage(), e);
    }
    Map<String, String> headers = TraceFields.read(message.fields());
    StoredEvent stored =
        new StoredEvent(
            message.position(),
            UUID.nameUUIDFromBytes(
                Objects.requireNonNull(eventId).getBytes(StandardCharsets.UTF_8)),
            Objects.requireNonNull(eventType),
            version,
            message.timestamp(),
            message.fields().get(MessageFields.PARTITION_KEY),
            headers,
            data);
    try {
      return storage.reader().decode(stored);
    } catch (RuntimeException e) {
      throw undecodable.apply(what + " cannot be decoded: " + e.getMessage(), e);
    }
  }

  private Outcome deadLetter(
      InboundMessage message,
      String subscription,
      @Nullable String eventType,
      UndecodableMessageException reason) {
    DeadLetter letter =
        DeadLetter.of(
            new DeadLetter.Id(subscription, message.position()),
            eventType == null || eventType.isBlank() ? "unknown" : eventType,
            reason,
            1,
            clock.instant());
    try {
      storage.store().recordDeadLetter(letter);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, owner + ": cannot store the dead letter " + letter.id(), e);
      publishFailures.increment();
      return Outcome.RETRY;
    }
    deadLettered.increment();
    LOG.log(System.Logger.Level.WARNING, reason.getMessage());
    return Outcome.DEAD_LETTER;
  }

  /**
   * Messages published into the bus so far.
   *
   * @return the count
   */
  public long published() {
    return published.sum();
  }

  /**
   * Messages dropped because their event id was processed before.
   *
   * @return the count
   */
  public long duplicates() {
    return duplicates.sum();
  }

  /**
   * Messages stored as dead letters, undecodable.
   *
   * @return the count
   */
  public long deadLettered() {
    return deadLettered.sum();
  }

  /**
   * Messages whose handling failed and was to be tried again.
   *
   * @return the count
   */
  public long publishFailures() {
    return publishFailures.sum();
  }
}
