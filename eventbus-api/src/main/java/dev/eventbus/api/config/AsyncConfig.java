package dev.eventbus.api.config;

import dev.eventbus.api.OverflowPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link dev.eventbus.api.ProcessingMode#ASYNC} delivery is laid out: {@link #shards()} ordered
 * lanes, each with a queue of {@link #queueSize()} events that applies {@link #overflowPolicy()}
 * when full ({@link OverflowPolicy#BLOCK} waits at most {@link #blockTimeout()}). A lane with a
 * thread of its own whose queue runs empty keeps the thread spinning for {@link #idleSpin()} before
 * it parks, so that an event arriving within that time starts without a thread wake-up. Immutable.
 *
 * <p>Defaults: one shard per available processor, 10 000 queued events per shard, BLOCK for at most
 * 1 s, 50 µs of idle spinning.
 *
 * @since 0.1
 */
public final class AsyncConfig {

  private static final int MAX_SHARDS = 1024;
  private static final Duration MAX_IDLE_SPIN = Duration.ofSeconds(1);

  private final int shards;
  private final int queueSize;
  private final OverflowPolicy overflowPolicy;
  private final Duration blockTimeout;
  private final Duration idleSpin;

  private AsyncConfig(Builder builder) {
    this.shards = builder.shards;
    this.queueSize = builder.queueSize;
    this.overflowPolicy = builder.overflowPolicy;
    this.blockTimeout = builder.blockTimeout;
    this.idleSpin = builder.idleSpin;
  }

  /** The defaults, with the shard count taken from the processors available now. */
  public static AsyncConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .shards(shards)
        .queueSize(queueSize)
        .overflowPolicy(overflowPolicy)
        .blockTimeout(blockTimeout)
        .idleSpin(idleSpin);
  }

  public int shards() {
    return shards;
  }

  /** Capacity of each shard's queue. */
  public int queueSize() {
    return queueSize;
  }

  public OverflowPolicy overflowPolicy() {
    return overflowPolicy;
  }

  public Duration blockTimeout() {
    return blockTimeout;
  }

  /**
   * How long an {@code ASYNC} lane's thread keeps looking for new events after its queue ran empty,
   * before it parks. It applies to the lanes of a processor that owns its threads (one thread per
   * shard, and per unit of an order-free subscription's concurrency); lanes on shared or supplied
   * schedulers, and batch and adaptive lanes, park at once. Longer spins spare more wake-ups (each
   * costs microseconds) and burn more CPU on an idle bus; {@link Duration#ZERO} parks at once.
   *
   * @since 0.2
   */
  public Duration idleSpin() {
    return idleSpin;
  }

  @Override
  public String toString() {
    return "AsyncConfig{shards="
        + shards
        + ", queueSize="
        + queueSize
        + ", overflowPolicy="
        + overflowPolicy
        + ", blockTimeout="
        + blockTimeout
        + ", idleSpin="
        + idleSpin
        + '}';
  }

  /** Builds an {@link AsyncConfig}. Not thread-safe. */
  public static final class Builder {
    private int shards = Runtime.getRuntime().availableProcessors();
    private int queueSize = 10_000;
    private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private Duration idleSpin = Duration.ofNanos(50_000);

    private Builder() {}

    /**
     * @throws IllegalArgumentException if outside [1, 1024]
     */
    public Builder shards(int shards) {
      Require.atLeast("async.shards", shards, 1);
      if (shards > MAX_SHARDS) {
        throw new IllegalArgumentException(
            "async.shards must be <= " + MAX_SHARDS + " but was " + shards);
      }
      this.shards = shards;
      return this;
    }

    /**
     * @throws IllegalArgumentException if below 1
     */
    public Builder queueSize(int queueSize) {
      this.queueSize = Require.atLeast("async.queueSize", queueSize, 1);
      return this;
    }

    public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
      this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "async.overflowPolicy");
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative
     */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = Require.nonNegative("async.blockTimeout", blockTimeout);
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative or above 1 s
     * @since 0.2
     */
    public Builder idleSpin(Duration idleSpin) {
      Require.nonNegative("async.idleSpin", idleSpin);
      if (idleSpin.compareTo(MAX_IDLE_SPIN) > 0) {
        throw new IllegalArgumentException(
            "async.idleSpin must be <= " + MAX_IDLE_SPIN + " but was " + idleSpin);
      }
      this.idleSpin = idleSpin;
      return this;
    }

    public AsyncConfig build() {
      return new AsyncConfig(this);
    }
  }
}
