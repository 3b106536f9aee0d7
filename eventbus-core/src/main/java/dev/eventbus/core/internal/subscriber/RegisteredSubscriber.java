package dev.eventbus.core.internal.subscriber;

import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventFilter;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.core.spi.EventProcessor;
import dev.eventbus.core.spi.Subscriber;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One subscription as the engine holds it: the {@link Subscriber} processors see, plus what only
 * the engine uses (its filter, processor, sequence and counters). Made by the engine when a handler
 * subscribes; it is also the {@link dev.eventbus.api.Subscription} handle the subscriber gets back.
 *
 * <p>Immutable apart from its active flag, which goes from {@code true} to {@code false} once, and
 * its {@link #metrics() counters}.
 */
public final class RegisteredSubscriber implements Subscriber {

  /** Delivery order: higher priority first, then earlier subscription first. */
  public static final Comparator<RegisteredSubscriber> DELIVERY_ORDER =
      Comparator.comparingInt(RegisteredSubscriber::priority)
          .reversed()
          .thenComparingLong(RegisteredSubscriber::sequence);

  private final SubscriptionId id;
  private final String eventType;
  private final EventHandler<Object> handler;
  private final String name;
  private final int priority;
  private final ProcessingMode mode;
  private final @Nullable EventFilter filter;
  private final @Nullable RetryPolicy ownRetryPolicy;
  private final @Nullable OverflowPolicy ownOverflowPolicy;
  private final int ownBatchSize;
  private final int concurrency;
  private final boolean ownLanes;
  private final boolean afterCommit;
  private final EventProcessor processor;
  private final Supplier<EventBusConfig> busConfig;
  private final Consumer<RegisteredSubscriber> closer;
  private final SubscriberMetrics metrics;
  private volatile boolean active = true;

  /**
   * @param options the subscription's own options; what they leave unset comes from the handler
   *     (name, priority) or from {@code busConfig} as it is at each use (retry, overflow, batch
   *     size), so a reconfigured bus applies its new defaults to existing subscriptions
   * @param mode the mode the subscription runs in
   * @param busConfig the bus's configuration now
   * @param closer what {@link #close()} calls to remove this subscriber from its bus
   */
  public RegisteredSubscriber(
      SubscriptionId id,
      String eventType,
      EventHandler<Object> handler,
      SubscriptionOptions options,
      ProcessingMode mode,
      EventProcessor processor,
      Supplier<EventBusConfig> busConfig,
      Consumer<RegisteredSubscriber> closer) {
    this.id = Objects.requireNonNull(id, "id");
    this.eventType = Objects.requireNonNull(eventType, "eventType");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.name = options.name().orElseGet(() -> stableName(handler, eventType));
    this.priority = options.priority().orElseGet(handler::priority);
    this.mode = Objects.requireNonNull(mode, "mode");
    this.filter = options.filter().orElse(null);
    this.ownRetryPolicy = options.retryPolicy().orElse(null);
    this.ownOverflowPolicy = options.overflowPolicy().orElse(null);
    this.ownBatchSize = options.batchSize().orElse(0);
    this.concurrency = options.concurrency();
    this.ownLanes = options.ownLanes();
    this.afterCommit = options.afterCommit();
    this.processor = Objects.requireNonNull(processor, "processor");
    this.busConfig = Objects.requireNonNull(busConfig, "busConfig");
    this.closer = Objects.requireNonNull(closer, "closer");
    // Metrics settings are fixed when the bus is built, so reading them once here is exact.
    this.metrics = SubscriberMetrics.of(busConfig.get().metrics());
  }

  /**
   * The handler's name, except where that is the class name the JVM generated for a lambda or
   * method reference ({@code com.acme.Orders$$Lambda$14/0x0000000800c02a00}), which changes from
   * run to run: then the class that holds the lambda and the subscribed type, {@code
   * com.acme.Orders$$Lambda(com.acme.OrderPlaced)}, stable across runs for stats and meters, and
   * still recognisably generated (a durable bus asks for a real name).
   */
  static String stableName(EventHandler<?> handler, String eventType) {
    String name = handler.name();
    int generated = name.indexOf("$$Lambda");
    if (generated < 0 || !name.equals(handler.getClass().getName())) {
      return name;
    }
    return name.substring(0, generated) + "$$Lambda(" + eventType + ")";
  }

  @Override
  public SubscriptionId id() {
    return id;
  }

  /** The order of subscription within the bus; ties in priority go to the lower sequence. */
  public long sequence() {
    return id.value();
  }

  @Override
  public String eventType() {
    return eventType;
  }

  @Override
  public EventHandler<Object> handler() {
    return handler;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public ProcessingMode mode() {
    return mode;
  }

  /** The subscription's own filter, or {@code null} for none. */
  public @Nullable EventFilter filter() {
    return filter;
  }

  /** The subscription's retry policy, else the bus's default now. */
  @Override
  public RetryPolicy retryPolicy() {
    RetryPolicy own = ownRetryPolicy;
    return own != null ? own : busConfig.get().defaultRetryPolicy();
  }

  /** The subscription's overflow policy, else the bus's default now. */
  @Override
  public OverflowPolicy overflowPolicy() {
    OverflowPolicy own = ownOverflowPolicy;
    return own != null ? own : busConfig.get().async().overflowPolicy();
  }

  /** How many of its deliveries may run at once; 1 means in order. */
  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public boolean ownLanes() {
    return ownLanes;
  }

  /** The subscription's batch size, else the bus's default now. */
  @Override
  public int batchSize() {
    return ownBatchSize > 0 ? ownBatchSize : busConfig.get().batch().defaultBatchSize();
  }

  /** Whether events published in a transaction reach it only after the commit. */
  public boolean afterCommit() {
    return afterCommit || mode != ProcessingMode.SYNC;
  }

  /** This subscription's counters (a disabled instance that counts nothing with metrics off). */
  public SubscriberMetrics metrics() {
    return metrics;
  }

  public EventProcessor processor() {
    return processor;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  /**
   * Marks this subscriber inactive.
   *
   * @return {@code true} if it was active until now
   */
  public boolean deactivate() {
    synchronized (this) {
      boolean was = active;
      active = false;
      return was;
    }
  }

  @Override
  public void close() {
    closer.accept(this);
  }

  @Override
  public String toString() {
    return "Subscription{"
        + id
        + " '"
        + name
        + "' to "
        + eventType
        + ", mode="
        + mode
        + ", priority="
        + priority
        + (active ? "" : ", closed")
        + '}';
  }
}
