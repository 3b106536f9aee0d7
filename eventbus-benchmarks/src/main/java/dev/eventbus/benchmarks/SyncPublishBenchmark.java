package dev.eventbus.benchmarks;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.config.EventBusConfig;
import dev.eventbus.api.config.MetricsConfig;
import dev.eventbus.processors.EventBusFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One synchronous publish of a pre-allocated event to N handlers, on the unified bus ({@link
 * EventBusFactory#createDefault()}) and on Guava's {@link EventBus}, measured in the same run.
 * Every handler on either bus does the same work through the same code: it counts the event and
 * hands it to a {@link Blackhole}.
 *
 * <p>Handlers subscribe either to the event's own class or to an interface it implements, so the
 * second case also measures how each bus resolves supertypes. Guava's handlers are marked {@link
 * AllowConcurrentEvents}: unified handlers are not serialised either, and without it Guava would
 * take a lock per call that the unified bus does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SyncPublishBenchmark {

  /** What every event of this benchmark is; the supertype that handlers may subscribe to. */
  public interface OrderEvent {}

  /** The published event: small, immutable, allocated once per trial. */
  public record OrderPlaced(long orderId, long amountCents) implements OrderEvent {}

  /** The number of handlers each event reaches. */
  @Param({"1", "10"})
  public int subscribers;

  /**
   * {@code CLASS}: handlers subscribe to {@link OrderPlaced}; {@code SUPERTYPE}: to {@link
   * OrderEvent}.
   */
  @Param({"CLASS", "SUPERTYPE"})
  public String subscribedTo;

  /**
   * Whether the unified bus counts ({@code MetricsConfig.enabled}): bus-wide, per event type and
   * per subscription, with sampled handler latency. Guava counts nothing either way.
   */
  @Param({"true", "false"})
  public boolean metrics;

  private UnifiedEventBus unifiedBus;
  private EventBus guavaBus;
  private OrderPlaced event;

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    boolean onSupertype = subscribedTo.equals("SUPERTYPE");
    if (!onSupertype && !subscribedTo.equals("CLASS")) {
      throw new IllegalArgumentException(
          "subscribedTo must be CLASS or SUPERTYPE but was " + subscribedTo);
    }
    event = new OrderPlaced(42L, 4_200L);

    unifiedBus =
        EventBusFactory.createWithConfig(
            EventBusConfig.builder()
                .metrics(MetricsConfig.builder().enabled(metrics).build())
                .build());
    guavaBus = new EventBus("sync-publish-benchmark");
    List<Handler> unifiedHandlers = new ArrayList<>();
    List<Handler> guavaHandlers = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      UnifiedHandler unifiedHandler = new UnifiedHandler(blackhole);
      Handler guavaHandler =
          onSupertype ? new GuavaSupertypeListener(blackhole) : new GuavaClassListener(blackhole);
      if (onSupertype) {
        unifiedBus.subscribe(OrderEvent.class, unifiedHandler);
      } else {
        unifiedBus.subscribe(OrderPlaced.class, unifiedHandler);
      }
      guavaBus.register(guavaHandler);
      unifiedHandlers.add(unifiedHandler);
      guavaHandlers.add(guavaHandler);
    }

    // A bus that reached fewer handlers than asked would make its numbers look better.
    unifiedBus.publish(event);
    guavaBus.post(event);
    requireEachReceivedOnce("unified", unifiedHandlers);
    requireEachReceivedOnce("guava", guavaHandlers);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    unifiedBus.close();
  }

  @Benchmark
  public PublishResult unified() {
    return unifiedBus.publish(event);
  }

  @Benchmark
  public void guava() {
    guavaBus.post(event);
  }

  private static void requireEachReceivedOnce(String bus, List<Handler> handlers) {
    for (Handler handler : handlers) {
      if (handler.received != 1) {
        throw new IllegalStateException(
            bus + ": a handler received " + handler.received + " events instead of 1");
      }
    }
  }

  /** The work of one handler on either bus. */
  abstract static class Handler {
    private final Blackhole blackhole;
    long received;

    Handler(Blackhole blackhole) {
      this.blackhole = blackhole;
    }

    final void record(OrderEvent event) {
      received++;
      blackhole.consume(event);
    }
  }

  /** A unified-bus handler; the same class serves both subscriptions. */
  static final class UnifiedHandler extends Handler implements EventHandler<OrderEvent> {
    UnifiedHandler(Blackhole blackhole) {
      super(blackhole);
    }

    @Override
    public void handle(OrderEvent event) {
      record(event);
    }
  }

  /** A Guava listener subscribed to the event's own class. */
  public static final class GuavaClassListener extends Handler {
    GuavaClassListener(Blackhole blackhole) {
      super(blackhole);
    }

    @Subscribe
    @AllowConcurrentEvents
    public void on(OrderPlaced event) {
      record(event);
    }
  }

  /** A Guava listener subscribed to the interface the event implements. */
  public static final class GuavaSupertypeListener extends Handler {
    GuavaSupertypeListener(Blackhole blackhole) {
      super(blackhole);
    }

    @Subscribe
    @AllowConcurrentEvents
    public void on(OrderEvent event) {
      record(event);
    }
  }
}
