package dev.eventbus.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link dev.eventbus.api.ProcessingMode#ASYNC} delivery is laid out: {@link #shards()} ordered
 * lanes, each with a queue of {@link #queueSize()} events that applies {@link #overflowPolicy()}
 * when full ({@link OverflowPolicy#BLOCK} waits at most {@link #blockTimeout()}). A lane with a
 * thread of its own whose queue runs empty keeps the thread waiting for {@link #idleSpin()}, as
 * {@link #idleStrategy()} says, before it parks, so that an event arriving within that time starts
 * without a thread wake-up. Immutable.
 *
 * <p>Defaults: one shard per available processor, 10 000 queued events per shard, BLOCK for at most
 * 1 s, 50 µs of idle waiting, {@link IdleStrategy#BACKOFF}.
 *
 * <p>Making one throws {@link IllegalArgumentException} if a value is out of range (the message
 * names the field and the value); {@link NullPointerException} if a value is null.
 *
 * @param shards ordered lanes, in [1, 1024]
 * @param queueSize capacity of each shard's queue, at least 1
 * @param overflowPolicy what a full queue does, for subscriptions that do not set their own
 * @param blockTimeout how long {@link OverflowPolicy#BLOCK} waits for room, at least 0
 * @param idleSpin how long an {@code ASYNC} lane's thread keeps looking for new events after its
 *     queue ran empty, before it parks, in [0, 1 s]. It applies to the lanes of a processor that
 *     owns its threads (one thread per shard, and per unit of an order-free subscription's
 *     concurrency); lanes on a supplied scheduler, and batch and adaptive lanes, park at once.
 *     Longer spins spare more wake-ups (each costs microseconds) and burn more CPU on an idle bus;
 *     {@link Duration#ZERO} parks at once.
 * @param idleStrategy how a lane's thread waits during {@code idleSpin}: spinning, yielding, both
 *     in turn, or not at all ({@link IdleStrategy})
 * @since 0.1
 */
public record AsyncConfig(
    int shards,
    int queueSize,
    OverflowPolicy overflowPolicy,
    Duration blockTimeout,
    Duration idleSpin,
    IdleStrategy idleStrategy) {

  private static final int MAX_SHARDS = 1024;
  private static final Duration MAX_IDLE_SPIN = Duration.ofSeconds(1);

  /**
   * Checks every value.
   *
   * @param shards ordered lanes, in [1, 1024]
   * @param queueSize capacity of each shard's queue, at least 1
   * @param overflowPolicy what a full queue does, for subscriptions that do not set their own
   * @param blockTimeout how long {@link OverflowPolicy#BLOCK} waits for room, at least 0
   * @param idleSpin how long an {@code ASYNC} lane's thread keeps looking for new events after its
   *     queue ran empty, before it parks, in [0, 1 s]. It applies to the lanes of a processor that
   *     owns its threads (one thread per shard, and per unit of an order-free subscription's
   *     concurrency); lanes on a supplied scheduler, and batch and adaptive lanes, park at once.
   *     Longer spins spare more wake-ups (each costs microseconds) and burn more CPU on an idle
   *     bus; {@link Duration#ZERO} parks at once.
   * @param idleStrategy how a lane's thread waits during {@code idleSpin}: spinning, yielding, both
   *     in turn, or not at all ({@link IdleStrategy})
   * @throws IllegalArgumentException if a value is out of range, naming the field and the value
   * @throws NullPointerException if a value is null, naming the field
   */
  public AsyncConfig {
    Require.inRange("async.shards", shards, 1, MAX_SHARDS);
    Require.atLeast("async.queueSize", queueSize, 1);
    Objects.requireNonNull(overflowPolicy, "async.overflowPolicy");
    Require.nonNegative("async.blockTimeout", blockTimeout);
    Require.atMost(
        "async.idleSpin", Require.nonNegative("async.idleSpin", idleSpin), MAX_IDLE_SPIN);
    Objects.requireNonNull(idleStrategy, "async.idleStrategy");
  }

  /** {@return the defaults, with the shard count taken from the processors available now} */
  public static AsyncConfig defaults() {
    return builder().build();
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts from these settings' values} */
  public Builder toBuilder() {
    return new Builder()
        .shards(shards)
        .queueSize(queueSize)
        .overflowPolicy(overflowPolicy)
        .blockTimeout(blockTimeout)
        .idleSpin(idleSpin)
        .idleStrategy(idleStrategy);
  }

  /** Builds an {@link AsyncConfig}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private int shards = Runtime.getRuntime().availableProcessors();
    private int queueSize = 10_000;
    private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private Duration idleSpin = Duration.ofNanos(50_000);
    private IdleStrategy idleStrategy = IdleStrategy.BACKOFF;

    private Builder() {}

    /**
     * Sets {@link AsyncConfig#shards()}; the number of available processors unless set.
     *
     * @param shards ordered lanes, in [1, 1024]
     * @return this builder
     */
    public Builder shards(int shards) {
      this.shards = shards;
      return this;
    }

    /**
     * Sets {@link AsyncConfig#queueSize()}; 10 000 unless set.
     *
     * @param queueSize capacity of each shard's queue, at least 1
     * @return this builder
     */
    public Builder queueSize(int queueSize) {
      this.queueSize = queueSize;
      return this;
    }

    /**
     * Sets {@link AsyncConfig#overflowPolicy()}; {@link OverflowPolicy#BLOCK} unless set.
     *
     * @param overflowPolicy what a full queue does
     * @return this builder
     */
    public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
      this.overflowPolicy = overflowPolicy;
      return this;
    }

    /**
     * Sets {@link AsyncConfig#blockTimeout()}; 1 s unless set.
     *
     * @param blockTimeout how long {@code BLOCK} waits for room, at least 0
     * @return this builder
     */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = blockTimeout;
      return this;
    }

    /**
     * Sets {@link AsyncConfig#idleSpin()}; 50 µs unless set.
     *
     * @param idleSpin how long an idle lane's thread waits before it parks, in [0, 1 s]
     * @return this builder
     */
    public Builder idleSpin(Duration idleSpin) {
      this.idleSpin = idleSpin;
      return this;
    }

    /**
     * Sets {@link AsyncConfig#idleStrategy()}; {@link IdleStrategy#BACKOFF} unless set.
     *
     * @param idleStrategy how a lane's thread waits during the idle spin
     * @return this builder
     */
    public Builder idleStrategy(IdleStrategy idleStrategy) {
      this.idleStrategy = idleStrategy;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return settings with this builder's values
     * @throws IllegalArgumentException if a value is out of range, naming the field and the value
     * @throws NullPointerException if a value is null, naming the field
     */
    public AsyncConfig build() {
      return new AsyncConfig(
          shards, queueSize, overflowPolicy, blockTimeout, idleSpin, idleStrategy);
    }
  }
}
