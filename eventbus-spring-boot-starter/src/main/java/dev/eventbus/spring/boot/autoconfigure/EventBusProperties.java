package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.StorageConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The bus's settings under the prefix {@code eventbus}, one for every value of {@link
 * EventBusConfig}. A setting left out keeps the library's default ({@link
 * EventBusConfig#defaults()}). The values are checked when they are bound: a wrong one fails the
 * application's start with a message naming the property ({@code eventbus.async.queue-size must be
 * >= 1 but was 0}).
 *
 * @since 0.1
 */
@ConfigurationProperties(prefix = EventBusProperties.PREFIX)
public class EventBusProperties implements Validator {

  /** The prefix of every property. */
  public static final String PREFIX = "eventbus";

  private static final Pattern FIELD = Pattern.compile("^([a-z][A-Za-z]*(?:\\.[a-z][A-Za-z]*)*)");
  private static final Pattern NESTED_FIELD =
      Pattern.compile("(?<![\\w.])((?:retry|async|batch|metrics|storage)\\.[a-z][A-Za-z]*)");
  private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

  /** The mode of subscriptions that do not choose one (SYNC, ASYNC, BATCH or ADAPTIVE). */
  private @Nullable ProcessingMode defaultMode;

  /** How long stopping the bus waits for queued deliveries when the application stops. */
  private @Nullable Duration shutdownTimeout;

  /** How many event classes the bus keeps resolved routes for. */
  private @Nullable Integer typeCacheSize;

  /** How many final failures the in-memory dead-letter queue keeps. */
  private @Nullable Integer deadLetterCapacity;

  private final Retry retry = new Retry();
  private final Async async = new Async();
  private final Batch batch = new Batch();
  private final Metrics metrics = new Metrics();
  private final Storage storage = new Storage();

  /** Properties that keep every default, until Spring binds the application's values. */
  public EventBusProperties() {}

  /**
   * The configuration these properties give: the library's defaults with every property set here.
   *
   * @return the configuration
   * @throws IllegalArgumentException if a value is out of range; the message names the property
   */
  public EventBusConfig toConfig() {
    try {
      EventBusConfig defaults = EventBusConfig.defaults();
      EventBusConfig.Builder config = defaults.toBuilder();
      set(defaultMode, config::defaultMode);
      set(shutdownTimeout, config::shutdownTimeout);
      set(typeCacheSize, config::typeCacheSize);
      set(deadLetterCapacity, config::deadLetterCapacity);
      config.defaultRetryPolicy(retry.apply(defaults.defaultRetryPolicy()));
      config.async(async.apply(defaults.async()));
      config.batch(batch.apply(defaults.batch()));
      config.metrics(metrics.apply(defaults.metrics()));
      config.storage(storage.apply(defaults.storage()));
      return config.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(namingProperties(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * A message of the library's checks with its leading field path ({@code async.queueSize}) written
   * as the property that sets it ({@code eventbus.async.queue-size}).
   */
  static String namingProperties(String message) {
    Matcher field = FIELD.matcher(message);
    if (!field.find()) {
      return PREFIX + ": " + message;
    }
    String rest = message.substring(field.end());
    Matcher nested = NESTED_FIELD.matcher(rest);
    StringBuilder named = new StringBuilder(property(field.group(1)));
    while (nested.find()) {
      nested.appendReplacement(named, Matcher.quoteReplacement(property(nested.group(1))));
    }
    nested.appendTail(named);
    return named.toString();
  }

  private static String property(String fieldPath) {
    return PREFIX + "." + CAMEL.matcher(fieldPath).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean supports(Class<?> type) {
    return EventBusProperties.class.isAssignableFrom(type);
  }

  @Override
  public void validate(Object target, Errors errors) {
    try {
      ((EventBusProperties) target).toConfig();
    } catch (IllegalArgumentException e) {
      errors.reject("eventbus.invalid", String.valueOf(e.getMessage()));
    }
  }

  private static <T> void set(@Nullable T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /**
   * The mode of subscriptions that do not choose one.
   *
   * @return the mode, or null for the library's default
   */
  public @Nullable ProcessingMode getDefaultMode() {
    return defaultMode;
  }

  /**
   * Sets the mode of subscriptions that do not choose one.
   *
   * @param defaultMode the mode
   */
  public void setDefaultMode(@Nullable ProcessingMode defaultMode) {
    this.defaultMode = defaultMode;
  }

  /**
   * How long stopping the bus waits for queued deliveries.
   *
   * @return the timeout, or null for the library's default
   */
  public @Nullable Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Sets how long stopping the bus waits for queued deliveries.
   *
   * @param shutdownTimeout the timeout
   */
  public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * How many event classes the bus keeps resolved routes for.
   *
   * @return the size, or null for the library's default
   */
  public @Nullable Integer getTypeCacheSize() {
    return typeCacheSize;
  }

  /**
   * Sets how many event classes the bus keeps resolved routes for.
   *
   * @param typeCacheSize the size
   */
  public void setTypeCacheSize(@Nullable Integer typeCacheSize) {
    this.typeCacheSize = typeCacheSize;
  }

  /**
   * How many final failures the dead-letter queue keeps.
   *
   * @return the capacity, or null for the library's default
   */
  public @Nullable Integer getDeadLetterCapacity() {
    return deadLetterCapacity;
  }

  /**
   * Sets how many final failures the dead-letter queue keeps.
   *
   * @param deadLetterCapacity the capacity
   */
  public void setDeadLetterCapacity(@Nullable Integer deadLetterCapacity) {
    this.deadLetterCapacity = deadLetterCapacity;
  }

  /**
   * The default retry policy.
   *
   * @return its settings
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * The ASYNC lanes.
   *
   * @return their settings
   */
  public Async getAsync() {
    return async;
  }

  /**
   * The BATCH defaults.
   *
   * @return their settings
   */
  public Batch getBatch() {
    return batch;
  }

  /**
   * The bus's own counting.
   *
   * @return its settings
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * The tunables of a durable bus (one is made when the application defines a {@code
   * DurableStorage} bean or sets {@code eventbus.storage.jdbc.enabled}), and its store on the
   * application's data source.
   *
   * @return their settings
   */
  public Storage getStorage() {
    return storage;
  }

  /** The default retry policy of subscriptions that do not set their own. */
  public static class Retry {

    /** Every retry setting at its default. */
    public Retry() {}

    /** Attempts per delivery, the first included (1: no retry). */
    private @Nullable Integer maxAttempts;

    /** The shape of the waits between attempts (FIXED or EXPONENTIAL). */
    private RetryPolicy.@Nullable Backoff backoff;

    /** The wait before the second attempt. */
    private @Nullable Duration initialDelay;

    /** The longest wait between two attempts. */
    private @Nullable Duration maxDelay;

    /** The factor between two EXPONENTIAL waits, at least 1.0. */
    private @Nullable Double multiplier;

    /** The random share of each wait, in [0, 1]. */
    private @Nullable Double jitter;

    RetryPolicy apply(RetryPolicy defaults) {
      RetryPolicy.Builder policy = defaults.toBuilder();
      set(maxAttempts, policy::maxAttempts);
      set(backoff, policy::backoff);
      set(initialDelay, policy::initialDelay);
      set(maxDelay, policy::maxDelay);
      set(multiplier, policy::multiplier);
      set(jitter, policy::jitter);
      return policy.build();
    }

    /**
     * Attempts per delivery.
     *
     * @return the attempts, or null for the default
     */
    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the attempts per delivery.
     *
     * @param maxAttempts the attempts
     */
    public void setMaxAttempts(@Nullable Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * The shape of the waits.
     *
     * @return the backoff, or null for the default
     */
    public RetryPolicy.@Nullable Backoff getBackoff() {
      return backoff;
    }

    /**
     * Sets the shape of the waits.
     *
     * @param backoff the backoff
     */
    public void setBackoff(RetryPolicy.@Nullable Backoff backoff) {
      this.backoff = backoff;
    }

    /**
     * The first wait.
     *
     * @return the wait, or null for the default
     */
    public @Nullable Duration getInitialDelay() {
      return initialDelay;
    }

    /**
     * Sets the first wait.
     *
     * @param initialDelay the wait
     */
    public void setInitialDelay(@Nullable Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    /**
     * The longest wait.
     *
     * @return the wait, or null for the default
     */
    public @Nullable Duration getMaxDelay() {
      return maxDelay;
    }

    /**
     * Sets the longest wait.
     *
     * @param maxDelay the wait
     */
    public void setMaxDelay(@Nullable Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    /**
     * The factor between two exponential waits.
     *
     * @return the factor, or null for the default
     */
    public @Nullable Double getMultiplier() {
      return multiplier;
    }

    /**
     * Sets the factor between two exponential waits.
     *
     * @param multiplier the factor
     */
    public void setMultiplier(@Nullable Double multiplier) {
      this.multiplier = multiplier;
    }

    /**
     * The random share of each wait.
     *
     * @return the share, or null for the default
     */
    public @Nullable Double getJitter() {
      return jitter;
    }

    /**
     * Sets the random share of each wait.
     *
     * @param jitter the share
     */
    public void setJitter(@Nullable Double jitter) {
      this.jitter = jitter;
    }
  }

  /** The ASYNC lanes: fixed when the bus is built. */
  public static class Async {

    /** Every async setting at its default. */
    public Async() {}

    /** Ordered lanes (shards), in [1, 1024]; one per available processor by default. */
    private @Nullable Integer shards;

    /** The capacity of each shard's queue. */
    private @Nullable Integer queueSize;

    /** What a full queue does (BLOCK, FAIL, DROP_OLDEST or DROP_NEWEST). */
    private @Nullable OverflowPolicy overflowPolicy;

    /** How long BLOCK waits for room in a full queue. */
    private @Nullable Duration blockTimeout;

    /** How long an idle lane's thread spins before it parks, in [0, 1s]. */
    private @Nullable Duration idleSpin;

    AsyncConfig apply(AsyncConfig defaults) {
      AsyncConfig.Builder config = defaults.toBuilder();
      set(shards, config::shards);
      set(queueSize, config::queueSize);
      set(overflowPolicy, config::overflowPolicy);
      set(blockTimeout, config::blockTimeout);
      set(idleSpin, config::idleSpin);
      return config.build();
    }

    /**
     * The number of shards.
     *
     * @return the shards, or null for the default
     */
    public @Nullable Integer getShards() {
      return shards;
    }

    /**
     * Sets the number of shards.
     *
     * @param shards the shards
     */
    public void setShards(@Nullable Integer shards) {
      this.shards = shards;
    }

    /**
     * The capacity of each shard's queue.
     *
     * @return the capacity, or null for the default
     */
    public @Nullable Integer getQueueSize() {
      return queueSize;
    }

    /**
     * Sets the capacity of each shard's queue.
     *
     * @param queueSize the capacity
     */
    public void setQueueSize(@Nullable Integer queueSize) {
      this.queueSize = queueSize;
    }

    /**
     * What a full queue does.
     *
     * @return the policy, or null for the default
     */
    public @Nullable OverflowPolicy getOverflowPolicy() {
      return overflowPolicy;
    }

    /**
     * Sets what a full queue does.
     *
     * @param overflowPolicy the policy
     */
    public void setOverflowPolicy(@Nullable OverflowPolicy overflowPolicy) {
      this.overflowPolicy = overflowPolicy;
    }

    /**
     * How long BLOCK waits.
     *
     * @return the timeout, or null for the default
     */
    public @Nullable Duration getBlockTimeout() {
      return blockTimeout;
    }

    /**
     * Sets how long BLOCK waits.
     *
     * @param blockTimeout the timeout
     */
    public void setBlockTimeout(@Nullable Duration blockTimeout) {
      this.blockTimeout = blockTimeout;
    }

    /**
     * How long an idle lane spins.
     *
     * @return the spin, or null for the default
     */
    public @Nullable Duration getIdleSpin() {
      return idleSpin;
    }

    /**
     * Sets how long an idle lane spins.
     *
     * @param idleSpin the spin
     */
    public void setIdleSpin(@Nullable Duration idleSpin) {
      this.idleSpin = idleSpin;
    }
  }

  /** The BATCH defaults of subscriptions that do not set their own. */
  public static class Batch {

    /** Every batch setting at its default. */
    public Batch() {}

    /** The batch size a subscription starts with. */
    private @Nullable Integer defaultBatchSize;

    /** The smallest batch adaptive batching may choose. */
    private @Nullable Integer minBatchSize;

    /** The largest batch adaptive batching may choose. */
    private @Nullable Integer maxBatchSize;

    /** The longest an open batch waits before it is flushed. */
    private @Nullable Duration batchInterval;

    /** Whether batch size and interval move with the load. */
    private @Nullable Boolean adaptiveBatching;

    BatchConfig apply(BatchConfig defaults) {
      BatchConfig.Builder config = defaults.toBuilder();
      set(defaultBatchSize, config::defaultBatchSize);
      set(minBatchSize, config::minBatchSize);
      set(maxBatchSize, config::maxBatchSize);
      set(batchInterval, config::batchInterval);
      set(adaptiveBatching, config::adaptiveBatching);
      return config.build();
    }

    /**
     * The starting batch size.
     *
     * @return the size, or null for the default
     */
    public @Nullable Integer getDefaultBatchSize() {
      return defaultBatchSize;
    }

    /**
     * Sets the starting batch size.
     *
     * @param defaultBatchSize the size
     */
    public void setDefaultBatchSize(@Nullable Integer defaultBatchSize) {
      this.defaultBatchSize = defaultBatchSize;
    }

    /**
     * The smallest adaptive batch.
     *
     * @return the size, or null for the default
     */
    public @Nullable Integer getMinBatchSize() {
      return minBatchSize;
    }

    /**
     * Sets the smallest adaptive batch.
     *
     * @param minBatchSize the size
     */
    public void setMinBatchSize(@Nullable Integer minBatchSize) {
      this.minBatchSize = minBatchSize;
    }

    /**
     * The largest adaptive batch.
     *
     * @return the size, or null for the default
     */
    public @Nullable Integer getMaxBatchSize() {
      return maxBatchSize;
    }

    /**
     * Sets the largest adaptive batch.
     *
     * @param maxBatchSize the size
     */
    public void setMaxBatchSize(@Nullable Integer maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
    }

    /**
     * The longest an open batch waits.
     *
     * @return the interval, or null for the default
     */
    public @Nullable Duration getBatchInterval() {
      return batchInterval;
    }

    /**
     * Sets the longest an open batch waits.
     *
     * @param batchInterval the interval
     */
    public void setBatchInterval(@Nullable Duration batchInterval) {
      this.batchInterval = batchInterval;
    }

    /**
     * Whether batches adapt to the load.
     *
     * @return the flag, or null for the default
     */
    public @Nullable Boolean getAdaptiveBatching() {
      return adaptiveBatching;
    }

    /**
     * Sets whether batches adapt to the load.
     *
     * @param adaptiveBatching the flag
     */
    public void setAdaptiveBatching(@Nullable Boolean adaptiveBatching) {
      this.adaptiveBatching = adaptiveBatching;
    }
  }

  /** The bus's own counting, which stats(), the meters and the Actuator endpoint read. */
  public static class Metrics {

    /** Every metrics setting at its default. */
    public Metrics() {}

    /** Whether the bus counts at all. */
    private @Nullable Boolean enabled;

    /** Whether every handler call is timed, rather than a sample. */
    private @Nullable Boolean recordLatency;

    /** How many event types are counted on their own. */
    private @Nullable Integer maxTrackedEventTypes;

    MetricsConfig apply(MetricsConfig defaults) {
      MetricsConfig.Builder config = defaults.toBuilder();
      set(enabled, config::enabled);
      set(recordLatency, config::recordLatency);
      set(maxTrackedEventTypes, config::maxTrackedEventTypes);
      return config.build();
    }

    /**
     * Whether the bus counts.
     *
     * @return the flag, or null for the default
     */
    public @Nullable Boolean getEnabled() {
      return enabled;
    }

    /**
     * Sets whether the bus counts.
     *
     * @param enabled the flag
     */
    public void setEnabled(@Nullable Boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Whether every handler call is timed.
     *
     * @return the flag, or null for the default
     */
    public @Nullable Boolean getRecordLatency() {
      return recordLatency;
    }

    /**
     * Sets whether every handler call is timed.
     *
     * @param recordLatency the flag
     */
    public void setRecordLatency(@Nullable Boolean recordLatency) {
      this.recordLatency = recordLatency;
    }

    /**
     * How many event types are counted on their own.
     *
     * @return the bound, or null for the default
     */
    public @Nullable Integer getMaxTrackedEventTypes() {
      return maxTrackedEventTypes;
    }

    /**
     * Sets how many event types are counted on their own.
     *
     * @param maxTrackedEventTypes the bound
     */
    public void setMaxTrackedEventTypes(@Nullable Integer maxTrackedEventTypes) {
      this.maxTrackedEventTypes = maxTrackedEventTypes;
    }
  }

  /** The tunables of a durable bus. */
  public static class Storage {

    /** Every storage setting at its default. */
    public Storage() {}

    /** The most events one group commit appends. */
    private @Nullable Integer appendBatchSize;

    /** How often completions are written. */
    private @Nullable Duration flushInterval;

    /** How long completed delivery records are kept. */
    private @Nullable Duration retention;

    /** The largest event, in bytes of its JSON form, the bus stores. */
    private @Nullable Integer maxEventSize;

    private final Jdbc jdbc = new Jdbc();

    StorageConfig apply(StorageConfig defaults) {
      StorageConfig.Builder config = defaults.toBuilder();
      set(appendBatchSize, config::appendBatchSize);
      set(flushInterval, config::flushInterval);
      set(retention, config::retention);
      set(maxEventSize, config::maxEventSize);
      return config.build();
    }

    /**
     * Events per append.
     *
     * @return the bound, or null for the default
     */
    public @Nullable Integer getAppendBatchSize() {
      return appendBatchSize;
    }

    /**
     * Sets the events per append.
     *
     * @param appendBatchSize the bound
     */
    public void setAppendBatchSize(@Nullable Integer appendBatchSize) {
      this.appendBatchSize = appendBatchSize;
    }

    /**
     * How long completions wait.
     *
     * @return the interval, or null for the default
     */
    public @Nullable Duration getFlushInterval() {
      return flushInterval;
    }

    /**
     * Sets how long completions wait.
     *
     * @param flushInterval the interval
     */
    public void setFlushInterval(@Nullable Duration flushInterval) {
      this.flushInterval = flushInterval;
    }

    /**
     * How long events are kept.
     *
     * @return the retention, or null for the default
     */
    public @Nullable Duration getRetention() {
      return retention;
    }

    /**
     * Sets how long events are kept.
     *
     * @param retention the retention
     */
    public void setRetention(@Nullable Duration retention) {
      this.retention = retention;
    }

    /**
     * The largest stored event.
     *
     * @return the size in bytes, or null for the default
     */
    public @Nullable Integer getMaxEventSize() {
      return maxEventSize;
    }

    /**
     * Sets the largest stored event.
     *
     * @param maxEventSize the size in bytes
     */
    public void setMaxEventSize(@Nullable Integer maxEventSize) {
      this.maxEventSize = maxEventSize;
    }

    /**
     * The event store on the application's data source.
     *
     * @return its settings
     */
    public Jdbc getJdbc() {
      return jdbc;
    }
  }

  /**
   * The event store on the application's {@code DataSource}: the same database as the application's
   * rows, which {@link TransactionalEventPublisher} needs for its transactions to be the store's.
   */
  public static class Jdbc {

    /** Off until set. */
    public Jdbc() {}

    /**
     * Whether the bus stores its events in the application's DataSource (SQLite or PostgreSQL),
     * with eventbus-store-jdbc and the application's EventCodec bean, unless the application
     * defines a DurableStorage bean.
     */
    private boolean enabled;

    /**
     * Whether the bus stores its events in the application's data source.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the bus stores its events in the application's data source.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
