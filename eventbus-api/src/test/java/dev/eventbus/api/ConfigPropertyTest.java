package dev.eventbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Property tests of every configuration builder, with random values from fixed seeds: valid values
 * build and read back exactly as set (also through {@code toBuilder()}), and an invalid value for
 * any one field (negative, zero where positive is required, null, NaN, infinite, out of range, or
 * an inconsistent pair) fails at its setter or at {@code build()} with a message that names the
 * field.
 *
 * <p>Each property runs {@value #TRIES} tries; a failure names the property and the seed of its
 * try. Replay one try with {@code -Dconfig.seed=SEED}.
 */
class ConfigPropertyTest {

  private static final int TRIES = 300;
  private static final long BASE_SEED = 0xC0_F1_6L;
  private static final Duration MAX_DURATION = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
  private static final EventFilter ANY = event -> true;

  // ------------------------------------------------------------------------------ harness

  /**
   * One field of a builder {@code B} of config {@code C}: how to pick a valid and an invalid value,
   * how to set it and how to read it back ({@code get} is null where there is no getter).
   */
  private record Field<B, C>(
      String name,
      Function<RandomGenerator, Object> valid,
      @Nullable Function<RandomGenerator, @Nullable Object> invalid,
      BiConsumer<B, @Nullable Object> set,
      @Nullable Function<C, @Nullable Object> get) {}

  /** A builder under test. */
  private record Subject<B, C>(
      String what,
      Supplier<B> newBuilder,
      Function<B, C> build,
      Function<C, B> toBuilder,
      List<Field<B, C>> fields,
      BiConsumer<RandomGenerator, Map<String, Object>> makeConsistent) {}

  private static void forAll(String property, Consumer<RandomGenerator> body) {
    Long only = Long.getLong("config.seed");
    long base = BASE_SEED + 1_000L * Math.floorMod(property.hashCode(), 1_000_000);
    for (int i = 0; i < TRIES; i++) {
      long seed = only != null ? only : base + i;
      try {
        body.accept(new SplittableRandom(seed));
      } catch (Throwable t) {
        throw new AssertionError(
            property + " failed for seed " + seed + " (replay: -Dconfig.seed=" + seed + "): " + t,
            t);
      }
      if (only != null) {
        return;
      }
    }
  }

  /** Random valid values for a random subset of the fields, made consistent. */
  private static <B, C> Map<String, Object> validAssignment(
      Subject<B, C> subject, RandomGenerator random) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field<B, C> field : subject.fields()) {
      if (random.nextInt(4) != 0) {
        values.put(field.name(), field.valid().apply(random));
      }
    }
    subject.makeConsistent().accept(random, values);
    return values;
  }

  private static <B, C> B builderWith(
      Subject<B, C> subject, Map<String, Object> values, RandomGenerator random) {
    B builder = subject.newBuilder().get();
    List<Field<B, C>> order = new ArrayList<>(subject.fields());
    Collections.shuffle(order, new java.util.Random(random.nextLong()));
    for (Field<B, C> field : order) {
      if (values.containsKey(field.name())) {
        field.set().accept(builder, values.get(field.name()));
      }
    }
    return builder;
  }

  private static <B, C> void validValuesReadBack(Subject<B, C> subject) {
    forAll(
        subject.what() + ": valid values read back",
        random -> {
          Map<String, Object> values = validAssignment(subject, random);
          C config = subject.build().apply(builderWith(subject, values, random));
          C copy = subject.build().apply(subject.toBuilder().apply(config));
          for (Field<B, C> field : subject.fields()) {
            Function<C, @Nullable Object> get = field.get();
            if (get == null) {
              continue;
            }
            if (values.containsKey(field.name())) {
              assertThat(get.apply(config))
                  .as("%s.%s with %s", subject.what(), field.name(), values)
                  .isEqualTo(values.get(field.name()));
            }
            assertThat(get.apply(copy))
                .as("%s.%s through toBuilder()", subject.what(), field.name())
                .isEqualTo(get.apply(config));
          }
          assertThat(copy).isEqualTo(config).hasToString(config.toString());
          assertThat(copy.hashCode()).isEqualTo(config.hashCode());
        });
  }

  private static <B, C> void invalidValuesNameTheirField(Subject<B, C> subject) {
    forAll(
        subject.what() + ": invalid values are refused",
        random -> {
          for (Field<B, C> field : subject.fields()) {
            Function<RandomGenerator, @Nullable Object> invalid = field.invalid();
            if (invalid == null) {
              continue;
            }
            Object bad = invalid.apply(random);
            B builder = builderWith(subject, validAssignment(subject, random), random);
            Throwable thrown =
                catchThrowable(
                    () -> {
                      field.set().accept(builder, bad);
                      subject.build().apply(builder);
                    });
            assertRefused(thrown, subject.what() + "." + field.name(), field.name(), bad);
          }
        });
  }

  /** A refusal: NPE for null, else IllegalArgumentException naming the field and the value. */
  private static void assertRefused(
      @Nullable Throwable thrown, String what, String field, @Nullable Object bad) {
    assertThat(thrown).as("%s accepted %s", what, bad).isNotNull();
    if (bad == null) {
      assertThat(thrown).as(what + " with null").isInstanceOf(NullPointerException.class);
    } else {
      assertThat(thrown).as(what + " with " + bad).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("message for %s", what).contains(String.valueOf(bad));
    }
    assertThat(thrown.getMessage()).as("message for %s = %s", what, bad).contains(field);
  }

  // ------------------------------------------------------------------------------ values

  private static int positiveInt(RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 -> 1;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> 1 + r.nextInt(1_000);
      default -> 1 + r.nextInt(Integer.MAX_VALUE);
    };
  }

  private static int nonPositiveInt(RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> Integer.MIN_VALUE;
      case 2 -> -1 - r.nextInt(1_000);
      default -> -r.nextInt(Integer.MAX_VALUE);
    };
  }

  private static Duration nonNegativeDuration(RandomGenerator r) {
    return r.nextInt(5) == 0 ? Duration.ZERO : positiveDuration(r);
  }

  /** From a nanosecond to the longest Duration, the extremes included. */
  private static Duration positiveDuration(RandomGenerator r) {
    return switch (r.nextInt(6)) {
      case 0 -> Duration.ofNanos(1);
      case 1 -> Duration.ofNanos(1 + r.nextLong(1_000_000_000L));
      case 2 -> Duration.ofMillis(1 + r.nextLong(1_000_000L));
      case 3 -> Duration.ofSeconds(r.nextLong(1, Long.MAX_VALUE), r.nextInt(1_000_000_000));
      case 4 -> MAX_DURATION;
      default -> Duration.ofSeconds(1 + r.nextLong(10_000_000L));
    };
  }

  /** Null or negative. */
  private static @Nullable Duration negativeDuration(RandomGenerator r) {
    return switch (r.nextInt(5)) {
      case 0 -> null;
      case 1 -> Duration.ofNanos(-1);
      case 2 -> Duration.ofSeconds(Long.MIN_VALUE);
      case 3 -> Duration.ofMillis(-1 - r.nextLong(1_000_000L));
      default -> Duration.ofSeconds(-r.nextLong(1, Long.MAX_VALUE), r.nextInt(1_000_000_000));
    };
  }

  /** Null, zero or negative. */
  private static @Nullable Duration nonPositiveDuration(RandomGenerator r) {
    return r.nextInt(4) == 0 ? Duration.ZERO : negativeDuration(r);
  }

  private static double positiveFinite(RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 -> Double.MIN_VALUE;
      case 1 -> Double.MAX_VALUE;
      case 2 -> 1 + r.nextInt(100_000);
      default -> r.nextDouble(Double.MIN_NORMAL, 1e12);
    };
  }

  private static double notPositiveFinite(RandomGenerator r) {
    double[] bad = {
      0.0,
      -0.0,
      -1.0,
      -Double.MIN_VALUE,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -r.nextDouble(1e12)
    };
    return bad[r.nextInt(bad.length)];
  }

  private static <E extends Enum<E>> @Nullable E enumOrNull(
      RandomGenerator r, Class<E> type, boolean allowNull) {
    E[] values = type.getEnumConstants();
    return allowNull && r.nextInt(values.length + 1) == 0 ? null : values[r.nextInt(values.length)];
  }

  private static RetryPolicy validPolicy(RandomGenerator r) {
    Duration a = nonNegativeDuration(r);
    Duration b = nonNegativeDuration(r);
    return RetryPolicy.builder()
        .maxAttempts(positiveInt(r))
        .backoff(Objects.requireNonNull(enumOrNull(r, RetryPolicy.Backoff.class, false)))
        .initialDelay(a.compareTo(b) <= 0 ? a : b)
        .maxDelay(a.compareTo(b) <= 0 ? b : a)
        .multiplier(1.0 + (r.nextBoolean() ? r.nextDouble(10) : r.nextDouble(1e300)))
        .jitter(r.nextInt(4) == 0 ? 0.0 : r.nextDouble(1.0))
        .build();
  }

  private static <B, C> Field<B, C> field(
      String name,
      Function<RandomGenerator, Object> valid,
      @Nullable Function<RandomGenerator, @Nullable Object> invalid,
      BiConsumer<B, @Nullable Object> set,
      @Nullable Function<C, @Nullable Object> get) {
    return new Field<>(name, valid, invalid, set, get);
  }

  private static <T> T nn(@Nullable Object value, Class<T> type) {
    // The setters are called with null on purpose: that is what the invalid cases test.
    return type.cast(value);
  }

  private static void noConstraint(RandomGenerator r, Map<String, Object> values) {}

  // ------------------------------------------------------------------------------ subjects

  private static final Subject<AsyncConfig.Builder, AsyncConfig> ASYNC =
      new Subject<>(
          "async",
          AsyncConfig::builder,
          AsyncConfig.Builder::build,
          AsyncConfig::toBuilder,
          List.of(
              field(
                  "shards",
                  r -> r.nextBoolean() ? 1 + r.nextInt(1024) : r.nextBoolean() ? 1 : 1024,
                  r ->
                      r.nextBoolean()
                          ? nonPositiveInt(r)
                          : 1025 + r.nextInt(Integer.MAX_VALUE - 1025),
                  (b, v) -> b.shards(nn(v, Integer.class)),
                  AsyncConfig::shards),
              field(
                  "queueSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.queueSize(nn(v, Integer.class)),
                  AsyncConfig::queueSize),
              field(
                  "overflowPolicy",
                  r -> Objects.requireNonNull(enumOrNull(r, OverflowPolicy.class, false)),
                  r -> null,
                  (b, v) -> b.overflowPolicy(nn(v, OverflowPolicy.class)),
                  AsyncConfig::overflowPolicy),
              field(
                  "blockTimeout",
                  ConfigPropertyTest::nonNegativeDuration,
                  ConfigPropertyTest::negativeDuration,
                  (b, v) -> b.blockTimeout(nn(v, Duration.class)),
                  AsyncConfig::blockTimeout),
              field(
                  "idleSpin",
                  r ->
                      r.nextInt(5) == 0
                          ? Duration.ZERO
                          : Duration.ofNanos(1 + r.nextLong(Duration.ofSeconds(1).toNanos())),
                  r ->
                      r.nextBoolean()
                          ? negativeDuration(r)
                          : Duration.ofSeconds(1).plusNanos(1 + r.nextLong(Long.MAX_VALUE / 2)),
                  (b, v) -> b.idleSpin(nn(v, Duration.class)),
                  AsyncConfig::idleSpin),
              field(
                  "idleStrategy",
                  r -> Objects.requireNonNull(enumOrNull(r, IdleStrategy.class, false)),
                  r -> null,
                  (b, v) -> b.idleStrategy(nn(v, IdleStrategy.class)),
                  AsyncConfig::idleStrategy)),
          ConfigPropertyTest::noConstraint);

  private static final Subject<BatchConfig.Builder, BatchConfig> BATCH =
      new Subject<>(
          "batch",
          BatchConfig::builder,
          BatchConfig.Builder::build,
          BatchConfig::toBuilder,
          List.of(
              field(
                  "defaultBatchSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.defaultBatchSize(nn(v, Integer.class)),
                  BatchConfig::defaultBatchSize),
              field(
                  "minBatchSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.minBatchSize(nn(v, Integer.class)),
                  BatchConfig::minBatchSize),
              field(
                  "maxBatchSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.maxBatchSize(nn(v, Integer.class)),
                  BatchConfig::maxBatchSize),
              field(
                  "batchInterval",
                  ConfigPropertyTest::positiveDuration,
                  ConfigPropertyTest::nonPositiveDuration,
                  (b, v) -> b.batchInterval(nn(v, Duration.class)),
                  BatchConfig::batchInterval),
              field(
                  "adaptiveBatching",
                  RandomGenerator::nextBoolean,
                  null,
                  (b, v) -> b.adaptiveBatching(nn(v, Boolean.class)),
                  BatchConfig::adaptiveBatching),
              field(
                  "targetLatency",
                  ConfigPropertyTest::positiveDuration,
                  ConfigPropertyTest::nonPositiveDuration,
                  (b, v) -> b.targetLatency(nn(v, Duration.class)),
                  BatchConfig::targetLatency),
              field(
                  "targetThroughput",
                  ConfigPropertyTest::positiveFinite,
                  ConfigPropertyTest::notPositiveFinite,
                  (b, v) -> b.targetThroughput(nn(v, Double.class)),
                  BatchConfig::targetThroughput),
              field(
                  "learningRate",
                  r -> r.nextInt(5) == 0 ? 1.0 : r.nextDouble(Double.MIN_VALUE, 1.0),
                  r ->
                      r.nextBoolean()
                          ? notPositiveFinite(r)
                          : Math.nextUp(1.0) + r.nextDouble(Double.MAX_VALUE / 2),
                  (b, v) -> b.learningRate(nn(v, Double.class)),
                  BatchConfig::learningRate)),
          (r, values) -> {
            // min <= default <= max: all three set, sorted.
            int[] sizes = {positiveInt(r), positiveInt(r), positiveInt(r)};
            java.util.Arrays.sort(sizes);
            values.put("minBatchSize", sizes[0]);
            values.put("defaultBatchSize", sizes[1]);
            values.put("maxBatchSize", sizes[2]);
          });

  private static final Subject<MetricsConfig.Builder, MetricsConfig> METRICS =
      new Subject<>(
          "metrics",
          MetricsConfig::builder,
          MetricsConfig.Builder::build,
          MetricsConfig::toBuilder,
          List.of(
              field(
                  "enabled",
                  RandomGenerator::nextBoolean,
                  null,
                  (b, v) -> b.enabled(nn(v, Boolean.class)),
                  MetricsConfig::enabled),
              field(
                  "recordLatency",
                  RandomGenerator::nextBoolean,
                  null,
                  (b, v) -> b.recordLatency(nn(v, Boolean.class)),
                  MetricsConfig::recordLatency),
              field(
                  "maxTrackedEventTypes",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.maxTrackedEventTypes(nn(v, Integer.class)),
                  MetricsConfig::maxTrackedEventTypes)),
          ConfigPropertyTest::noConstraint);

  private static final Subject<StorageConfig.Builder, StorageConfig> STORAGE =
      new Subject<>(
          "storage",
          StorageConfig::builder,
          StorageConfig.Builder::build,
          StorageConfig::toBuilder,
          List.of(
              field(
                  "appendBatchSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.appendBatchSize(nn(v, Integer.class)),
                  StorageConfig::appendBatchSize),
              field(
                  "flushInterval",
                  ConfigPropertyTest::nonNegativeDuration,
                  ConfigPropertyTest::negativeDuration,
                  (b, v) -> b.flushInterval(nn(v, Duration.class)),
                  StorageConfig::flushInterval),
              field(
                  "retention",
                  ConfigPropertyTest::positiveDuration,
                  ConfigPropertyTest::nonPositiveDuration,
                  (b, v) -> b.retention(nn(v, Duration.class)),
                  StorageConfig::retention),
              field(
                  "maxEventSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.maxEventSize(nn(v, Integer.class)),
                  StorageConfig::maxEventSize)),
          ConfigPropertyTest::noConstraint);

  private static final Subject<AdaptiveConfig.Builder, AdaptiveConfig> ADAPTIVE =
      new Subject<>(
          "adaptive",
          AdaptiveConfig::builder,
          AdaptiveConfig.Builder::build,
          AdaptiveConfig::toBuilder,
          List.of(
              field(
                  "window",
                  ConfigPropertyTest::positiveDuration,
                  ConfigPropertyTest::nonPositiveDuration,
                  (b, v) -> b.window(nn(v, Duration.class)),
                  AdaptiveConfig::window),
              field(
                  "stableWindows",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.stableWindows(nn(v, Integer.class)),
                  AdaptiveConfig::stableWindows),
              field(
                  "asyncLatencyThreshold",
                  ConfigPropertyTest::positiveDuration,
                  ConfigPropertyTest::nonPositiveDuration,
                  (b, v) -> b.asyncLatencyThreshold(nn(v, Duration.class)),
                  AdaptiveConfig::asyncLatencyThreshold),
              field(
                  "batchRateThreshold",
                  ConfigPropertyTest::positiveFinite,
                  ConfigPropertyTest::notPositiveFinite,
                  (b, v) -> b.batchRateThreshold(nn(v, Double.class)),
                  AdaptiveConfig::batchRateThreshold)),
          ConfigPropertyTest::noConstraint);

  private static final Subject<EventBusConfig.Builder, EventBusConfig> BUS =
      new Subject<>(
          "bus",
          EventBusConfig::builder,
          EventBusConfig.Builder::build,
          EventBusConfig::toBuilder,
          List.of(
              field(
                  "defaultMode",
                  r -> Objects.requireNonNull(enumOrNull(r, ProcessingMode.class, false)),
                  r -> null,
                  (b, v) -> b.defaultMode(nn(v, ProcessingMode.class)),
                  EventBusConfig::defaultMode),
              field(
                  "shutdownTimeout",
                  ConfigPropertyTest::nonNegativeDuration,
                  ConfigPropertyTest::negativeDuration,
                  (b, v) -> b.shutdownTimeout(nn(v, Duration.class)),
                  EventBusConfig::shutdownTimeout),
              field(
                  "typeCacheSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.typeCacheSize(nn(v, Integer.class)),
                  EventBusConfig::typeCacheSize),
              field(
                  "batch",
                  r -> BATCH.build().apply(builderWith(BATCH, validAssignment(BATCH, r), r)),
                  r -> null,
                  (b, v) -> b.batch(nn(v, BatchConfig.class)),
                  EventBusConfig::batch),
              field(
                  "async",
                  r -> ASYNC.build().apply(builderWith(ASYNC, validAssignment(ASYNC, r), r)),
                  r -> null,
                  (b, v) -> b.async(nn(v, AsyncConfig.class)),
                  EventBusConfig::async),
              field(
                  "defaultRetryPolicy",
                  ConfigPropertyTest::validPolicy,
                  r -> null,
                  (b, v) -> b.defaultRetryPolicy(nn(v, RetryPolicy.class)),
                  EventBusConfig::defaultRetryPolicy),
              field(
                  "deadLetterCapacity",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.deadLetterCapacity(nn(v, Integer.class)),
                  EventBusConfig::deadLetterCapacity),
              field(
                  "metrics",
                  r -> METRICS.build().apply(builderWith(METRICS, validAssignment(METRICS, r), r)),
                  r -> null,
                  (b, v) -> b.metrics(nn(v, MetricsConfig.class)),
                  EventBusConfig::metrics),
              field(
                  "storage",
                  r -> STORAGE.build().apply(builderWith(STORAGE, validAssignment(STORAGE, r), r)),
                  r -> null,
                  (b, v) -> b.storage(nn(v, StorageConfig.class)),
                  EventBusConfig::storage),
              field(
                  "adaptive",
                  r ->
                      ADAPTIVE
                          .build()
                          .apply(builderWith(ADAPTIVE, validAssignment(ADAPTIVE, r), r)),
                  r -> null,
                  (b, v) -> b.adaptive(nn(v, AdaptiveConfig.class)),
                  EventBusConfig::adaptive)),
          ConfigPropertyTest::noConstraint);

  private static final Subject<RetryPolicy.Builder, RetryPolicy> POLICY =
      new Subject<>(
          "retry",
          RetryPolicy::builder,
          RetryPolicy.Builder::build,
          RetryPolicy::toBuilder,
          List.of(
              field(
                  "maxAttempts",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.maxAttempts(nn(v, Integer.class)),
                  RetryPolicy::maxAttempts),
              field(
                  "backoff",
                  r -> Objects.requireNonNull(enumOrNull(r, RetryPolicy.Backoff.class, false)),
                  r -> null,
                  (b, v) -> b.backoff(nn(v, RetryPolicy.Backoff.class)),
                  RetryPolicy::backoff),
              field(
                  "initialDelay",
                  ConfigPropertyTest::nonNegativeDuration,
                  ConfigPropertyTest::negativeDuration,
                  (b, v) -> b.initialDelay(nn(v, Duration.class)),
                  RetryPolicy::initialDelay),
              field(
                  "maxDelay",
                  ConfigPropertyTest::nonNegativeDuration,
                  ConfigPropertyTest::negativeDuration,
                  (b, v) -> b.maxDelay(nn(v, Duration.class)),
                  RetryPolicy::maxDelay),
              field(
                  "multiplier",
                  r -> r.nextBoolean() ? 1.0 + r.nextDouble(10) : 1.0 + r.nextDouble(1e300),
                  r ->
                      r.nextBoolean()
                          ? notPositiveFinite(r)
                          : r.nextBoolean() ? Math.nextDown(1.0) : r.nextDouble(1.0),
                  (b, v) -> b.multiplier(nn(v, Double.class)),
                  RetryPolicy::multiplier),
              field(
                  "jitter",
                  r -> r.nextInt(4) == 0 ? (r.nextBoolean() ? 0.0 : 1.0) : r.nextDouble(1.0),
                  r ->
                      switch (r.nextInt(4)) {
                        case 0 -> Double.NaN;
                        case 1 -> Math.nextUp(1.0) + r.nextDouble(1e10);
                        case 2 -> -Double.MIN_VALUE - r.nextDouble(1e10);
                        default -> Double.POSITIVE_INFINITY;
                      },
                  (b, v) -> b.jitter(nn(v, Double.class)),
                  RetryPolicy::jitter),
              field(
                  "retryOn",
                  r -> (Predicate<Throwable>) failure -> r.nextBoolean(),
                  r -> null,
                  (b, v) -> b.retryOn(castPredicate(v)),
                  null)),
          (r, values) -> {
            // initialDelay <= maxDelay: both set, ordered.
            Duration a = nonNegativeDuration(r);
            Duration b = nonNegativeDuration(r);
            values.put("initialDelay", a.compareTo(b) <= 0 ? a : b);
            values.put("maxDelay", a.compareTo(b) <= 0 ? b : a);
          });

  private static final Subject<SubscriptionOptions.Builder, SubscriptionOptions> OPTIONS =
      new Subject<>(
          "subscription",
          SubscriptionOptions::builder,
          SubscriptionOptions.Builder::build,
          SubscriptionOptions::toBuilder,
          List.of(
              field(
                  "filter",
                  r -> ANY,
                  r -> null,
                  (b, v) -> b.filter(nn(v, EventFilter.class)),
                  o -> o.filter().orElse(null)),
              field(
                  "mode",
                  r -> Objects.requireNonNull(enumOrNull(r, ProcessingMode.class, false)),
                  r -> null,
                  (b, v) -> b.mode(nn(v, ProcessingMode.class)),
                  o -> o.processingMode().orElse(null)),
              field(
                  "retryPolicy",
                  ConfigPropertyTest::validPolicy,
                  r -> null,
                  (b, v) -> b.retryPolicy(nn(v, RetryPolicy.class)),
                  o -> o.retryPolicy().orElse(null)),
              field(
                  "overflowPolicy",
                  r -> Objects.requireNonNull(enumOrNull(r, OverflowPolicy.class, false)),
                  r -> null,
                  (b, v) -> b.overflowPolicy(nn(v, OverflowPolicy.class)),
                  o -> o.overflowPolicy().orElse(null)),
              field(
                  "name",
                  r -> randomName(r),
                  r -> {
                    String[] blank = {"", " ", "\t", "\n \r", "\u2003", " \u3000 "};
                    return r.nextInt(blank.length + 1) == 0 ? null : blank[r.nextInt(blank.length)];
                  },
                  (b, v) -> b.name(nn(v, String.class)),
                  o -> o.name().orElse(null)),
              field(
                  "batchSize",
                  ConfigPropertyTest::positiveInt,
                  ConfigPropertyTest::nonPositiveInt,
                  (b, v) -> b.batchSize(nn(v, Integer.class)),
                  o -> o.batchSize().isPresent() ? o.batchSize().getAsInt() : null),
              field(
                  "priority",
                  RandomGenerator::nextInt,
                  null,
                  (b, v) -> b.priority(nn(v, Integer.class)),
                  o -> o.priority().isPresent() ? o.priority().getAsInt() : null),
              field(
                  "concurrency",
                  r -> r.nextBoolean() ? 1 + r.nextInt(1024) : r.nextBoolean() ? 1 : 1024,
                  r ->
                      r.nextBoolean()
                          ? nonPositiveInt(r)
                          : 1025 + r.nextInt(Integer.MAX_VALUE - 1025),
                  (b, v) -> b.concurrency(nn(v, Integer.class)),
                  SubscriptionOptions::concurrency)),
          ConfigPropertyTest::noConstraint);

  private static String randomName(RandomGenerator r) {
    StringBuilder name = new StringBuilder("n");
    int length = r.nextInt(20);
    for (int i = 0; i < length; i++) {
      name.appendCodePoint(r.nextInt(0x20, 0x3000));
    }
    return name.toString();
  }

  @SuppressWarnings("unchecked")
  private static Predicate<? super Throwable> castPredicate(@Nullable Object value) {
    return (Predicate<? super Throwable>) nn(value, Predicate.class);
  }

  // ------------------------------------------------------------------------------ properties

  private static final List<Subject<?, ?>> SUBJECTS =
      List.of(ASYNC, BATCH, METRICS, STORAGE, ADAPTIVE, BUS, POLICY, OPTIONS);

  @Test
  void validValuesBuildAndReadBackExactly() {
    for (Subject<?, ?> subject : SUBJECTS) {
      validValuesReadBack(subject);
    }
  }

  @Test
  void anInvalidValueIsRefusedWithAMessageNamingItsField() {
    for (Subject<?, ?> subject : SUBJECTS) {
      invalidValuesNameTheirField(subject);
    }
  }

  @Test
  void batchSizesOutOfOrderAreRefusedAtBuild() {
    forAll(
        "batch: inconsistent sizes",
        r -> {
          int low = positiveInt(r);
          int high = positiveInt(r);
          if (low == high) {
            return;
          }
          int min = Math.min(low, high);
          int max = Math.max(low, high);
          // min > max
          Throwable thrown =
              catchThrowable(
                  () ->
                      BatchConfig.builder()
                          .defaultBatchSize(max)
                          .minBatchSize(max)
                          .maxBatchSize(min)
                          .build());
          assertRefused(thrown, "batch min > max", "batch.maxBatchSize", min);
          assertThat(thrown.getMessage()).contains("batch.minBatchSize");
          // default outside [min, max]
          boolean below = r.nextBoolean() && min > 1;
          if (!below && max == Integer.MAX_VALUE) {
            return;
          }
          int mid = below ? 1 + r.nextInt(min - 1) : max + 1 + r.nextInt(Integer.MAX_VALUE - max);
          Throwable outside =
              catchThrowable(
                  () ->
                      BatchConfig.builder()
                          .minBatchSize(min)
                          .maxBatchSize(max)
                          .defaultBatchSize(mid)
                          .build());
          assertRefused(outside, "batch default outside", "batch.defaultBatchSize", mid);
        });
  }

  @Test
  void retryMaxDelayBelowInitialDelayIsRefusedAtBuild() {
    forAll(
        "retry: maxDelay < initialDelay",
        r -> {
          Duration a = nonNegativeDuration(r);
          Duration b = nonNegativeDuration(r);
          if (a.equals(b)) {
            return;
          }
          Duration low = a.compareTo(b) < 0 ? a : b;
          Duration high = a.compareTo(b) < 0 ? b : a;
          Throwable thrown =
              catchThrowable(() -> RetryPolicy.builder().maxDelay(low).initialDelay(high).build());
          assertRefused(thrown, "retry maxDelay < initialDelay", "retry.maxDelay", low);
          assertThat(thrown.getMessage()).contains("retry.initialDelay");
        });
  }

  /**
   * A valid policy gives a delay for every attempt, whatever its durations: within [0, maxDelay],
   * exactly the initial delay when fixed without jitter, and never shrinking from one attempt to
   * the next when exponential without jitter.
   */
  @Test
  void everyValidRetryPolicyGivesADelayWithinItsBounds() {
    forAll(
        "retry: delayBefore",
        r -> {
          RetryPolicy policy = validPolicy(r);
          int attempt = r.nextBoolean() ? 2 + r.nextInt(100) : 2 + r.nextInt(Integer.MAX_VALUE - 2);
          double random = r.nextInt(5) == 0 ? 0.0 : r.nextDouble();
          Duration delay = policy.delayBefore(attempt, random);
          assertThat(delay)
              .as("%s attempt %d", policy, attempt)
              .isGreaterThanOrEqualTo(Duration.ZERO);
          assertThat(delay)
              .as("%s attempt %d", policy, attempt)
              .isLessThanOrEqualTo(policy.maxDelay());
          RetryPolicy steady = policy.toBuilder().jitter(0.0).build();
          if (policy.backoff() == RetryPolicy.Backoff.FIXED) {
            assertThat(steady.delayBefore(attempt, random))
                .as("%s attempt %d", steady, attempt)
                .isEqualTo(policy.initialDelay());
          } else if (attempt < Integer.MAX_VALUE) {
            assertThat(steady.delayBefore(attempt + 1, random))
                .as("%s attempts %d and %d", steady, attempt, attempt + 1)
                .isGreaterThanOrEqualTo(steady.delayBefore(attempt, random));
          }
        });
  }
}
