package dev.eventbus.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * How one subscription is delivered. Every option left unset takes the bus's default from its
 * {@code EventBusConfig} (or, for priority and name, the handler's own). Immutable and thread-safe;
 * equal to options with the same values.
 *
 * @since 0.1
 */
public final class SubscriptionOptions {

  private static final SubscriptionOptions DEFAULTS = builder().build();

  private final @Nullable EventFilter filter;
  private final @Nullable ProcessingMode mode;
  private final @Nullable RetryPolicy retryPolicy;
  private final @Nullable OverflowPolicy overflowPolicy;
  private final @Nullable String name;
  private final int batchSize;
  private final int priority;
  private final boolean hasPriority;
  private final int concurrency;
  private final boolean ownLanes;
  private final boolean afterCommit;

  private SubscriptionOptions(Builder builder) {
    this.filter = builder.filter;
    this.mode = builder.mode;
    this.retryPolicy = builder.retryPolicy;
    this.overflowPolicy = builder.overflowPolicy;
    this.name = builder.name;
    this.batchSize = builder.batchSize;
    this.priority = builder.priority;
    this.hasPriority = builder.hasPriority;
    this.concurrency = builder.concurrency;
    this.ownLanes = builder.ownLanes;
    this.afterCommit = builder.afterCommit;
  }

  /** {@return options with nothing set: every value comes from the bus and the handler} */
  public static SubscriptionOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Shorthand for options that set only the processing mode.
   *
   * @param mode the processing mode
   * @return options with that mode and nothing else set
   * @throws NullPointerException if {@code mode} is null
   */
  public static SubscriptionOptions mode(ProcessingMode mode) {
    return builder().mode(mode).build();
  }

  /** {@return a builder that starts from these options} */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.filter = filter;
    builder.mode = mode;
    builder.retryPolicy = retryPolicy;
    builder.overflowPolicy = overflowPolicy;
    builder.name = name;
    builder.batchSize = batchSize;
    builder.priority = priority;
    builder.hasPriority = hasPriority;
    builder.concurrency = concurrency;
    builder.ownLanes = ownLanes;
    builder.afterCommit = afterCommit;
    return builder;
  }

  /** {@return the subscription's own filter, applied after the bus-wide filters; empty if none} */
  public Optional<EventFilter> filter() {
    return Optional.ofNullable(filter);
  }

  /** {@return the processing mode; empty means the bus's default mode} */
  public Optional<ProcessingMode> processingMode() {
    return Optional.ofNullable(mode);
  }

  /** {@return the retry policy; empty means the bus's default retry policy} */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /** {@return what the subscription's queue does when full; empty means the bus's default} */
  public Optional<OverflowPolicy> overflowPolicy() {
    return Optional.ofNullable(overflowPolicy);
  }

  /** {@return the name reported for this subscription; empty means {@link EventHandler#name()}} */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * {@return the batch size for {@link ProcessingMode#BATCH}, at least 1; empty means the bus's
   * batch config}
   */
  public OptionalInt batchSize() {
    return batchSize == 0 ? OptionalInt.empty() : OptionalInt.of(batchSize);
  }

  /** {@return the delivery priority; empty means {@link EventHandler#priority()}} */
  public OptionalInt priority() {
    return hasPriority ? OptionalInt.of(priority) : OptionalInt.empty();
  }

  /**
   * How many deliveries of this subscription may run at once; 1 (the default) keeps them in publish
   * order per partition key. Only {@link ProcessingMode#ASYNC} subscriptions may set more, and then
   * give up ordering: for handlers that do not care in which order events arrive.
   *
   * @return the number of deliveries that may run at once, in {@code [1, 1024]}
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * Whether this {@link ProcessingMode#ASYNC} subscription runs on ordered lanes of its own (as
   * many as the bus has shards, chosen by the same hash of the partition key) instead of the lanes
   * the bus's other asynchronous subscriptions share. Per-key order holds as on the shared lanes;
   * what its handler waits for (a slow call, a retry's backoff) holds back only its own deliveries,
   * never another subscription's. Each busy lane takes a thread of its own. A {@link
   * ProcessingMode#BATCH} subscription may set it too: its batches (one at a time, in order, as
   * always) then run on a thread of their own while busy, instead of one the bus's other batch
   * subscriptions share. {@code false} by default; a subscription with {@link #concurrency()} above
   * 1 has lanes of its own anyway.
   *
   * @return true if the subscription has lanes of its own
   */
  public boolean ownLanes() {
    return ownLanes;
  }

  /**
   * Whether a {@link ProcessingMode#SYNC} subscription sees an event published {@linkplain
   * UnifiedEventBus#publish(Object, EventTransaction) in a transaction} only once that transaction
   * has committed (never after a rollback), on the committing thread. {@code false} by default: a
   * SYNC handler runs inside the caller's transaction, before {@code publish} returns, and may take
   * part in it. Deliveries of every other mode are always made after the commit. Events published
   * outside a transaction are delivered as usual.
   *
   * @return {@code true} if SYNC deliveries of transactional publishes wait for the commit
   */
  public boolean afterCommit() {
    return afterCommit;
  }

  /** Equal to options with the same values (the filter compared by identity, as lambdas are). */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SubscriptionOptions that
        && Objects.equals(filter, that.filter)
        && mode == that.mode
        && Objects.equals(retryPolicy, that.retryPolicy)
        && overflowPolicy == that.overflowPolicy
        && Objects.equals(name, that.name)
        && batchSize == that.batchSize
        && hasPriority == that.hasPriority
        && priority == that.priority
        && concurrency == that.concurrency
        && ownLanes == that.ownLanes
        && afterCommit == that.afterCommit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        filter,
        mode,
        retryPolicy,
        overflowPolicy,
        name,
        batchSize,
        hasPriority,
        priority,
        concurrency,
        ownLanes,
        afterCommit);
  }

  @Override
  public String toString() {
    return "SubscriptionOptions{mode="
        + mode
        + ", filter="
        + (filter != null)
        + ", retryPolicy="
        + retryPolicy
        + ", overflowPolicy="
        + overflowPolicy
        + ", name="
        + name
        + ", batchSize="
        + (batchSize == 0 ? "default" : batchSize)
        + ", priority="
        + (hasPriority ? priority : "handler's")
        + ", concurrency="
        + concurrency
        + (ownLanes ? ", ownLanes" : "")
        + (afterCommit ? ", afterCommit" : "")
        + '}';
  }

  /** Builds {@link SubscriptionOptions}; every setter checks its value at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable EventFilter filter;
    private @Nullable ProcessingMode mode;
    private @Nullable RetryPolicy retryPolicy;
    private @Nullable OverflowPolicy overflowPolicy;
    private @Nullable String name;
    private int batchSize;
    private int priority;
    private boolean hasPriority;
    private int concurrency = 1;
    private boolean ownLanes;
    private boolean afterCommit;

    private Builder() {}

    /**
     * Sets the subscription's own filter, asked after the bus-wide filters; none by default.
     *
     * @param filter decides which events the handler receives
     * @return this builder
     * @throws NullPointerException if {@code filter} is null
     */
    public Builder filter(EventFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * Sets the processing mode; the bus's default mode if unset.
     *
     * @param mode the mode, one the bus runs (checked when subscribing)
     * @return this builder
     * @throws NullPointerException if {@code mode} is null
     */
    public Builder mode(ProcessingMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the retry policy; the bus's default retry policy if unset.
     *
     * @param retryPolicy the policy
     * @return this builder
     * @throws NullPointerException if {@code retryPolicy} is null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets what the subscription's queue does when full; the bus's default if unset.
     *
     * @param overflowPolicy the policy
     * @return this builder
     * @throws NullPointerException if {@code overflowPolicy} is null
     */
    public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
      this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
      return this;
    }

    /**
     * Sets the name reported for the subscription in stats, failures and reports; the handler's
     * name if unset.
     *
     * @param name a non-blank name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException(
            "subscription.name must not be blank but was '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the batch size for {@link ProcessingMode#BATCH}; the bus's batch config if unset.
     *
     * @param batchSize at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException(
            "subscription.batchSize must be >= 1 but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the delivery priority; the handler's if unset.
     *
     * @param priority any int; higher runs first
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      this.hasPriority = true;
      return this;
    }

    /**
     * Lets up to {@code concurrency} deliveries run at once, in no particular order (see {@link
     * SubscriptionOptions#concurrency()}).
     *
     * @param concurrency in {@code [1, 1024]}; 1 by default
     * @return this builder
     * @throws IllegalArgumentException if outside [1, 1024]
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 1024) {
        throw new IllegalArgumentException(
            "subscription.concurrency must be in [1, 1024] but was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Runs an {@link ProcessingMode#ASYNC} or {@link ProcessingMode#BATCH} subscription on lanes of
     * its own (see {@link SubscriptionOptions#ownLanes()}).
     *
     * @param ownLanes {@code true} for lanes of its own; {@code false} by default
     * @return this builder
     */
    public Builder ownLanes(boolean ownLanes) {
      this.ownLanes = ownLanes;
      return this;
    }

    /**
     * Delivers events published in a transaction only after it commits (see {@link
     * SubscriptionOptions#afterCommit()}).
     *
     * @param afterCommit {@code true} to wait for the commit; {@code false} by default
     * @return this builder
     */
    public Builder afterCommit(boolean afterCommit) {
      this.afterCommit = afterCommit;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return options with this builder's values
     */
    public SubscriptionOptions build() {
      return new SubscriptionOptions(this);
    }
  }
}
