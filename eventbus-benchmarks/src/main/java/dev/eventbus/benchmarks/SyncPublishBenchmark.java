package dev.eventbus.benchmarks;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.MetricsConfig;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.engio.mbassy.bus.MBassador;
import net.engio.mbassy.listener.Listener;
import net.engio.mbassy.listener.References;
import org.greenrobot.eventbus.ThreadMode;
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
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

/**
 * One synchronous publish of a pre-allocated event to N handlers, on the unified bus ({@link
 * EventBusFactory#createWithConfig}, metrics on or off) and on its peers, measured in the same run:
 * Guava's {@link EventBus}, MBassador's {@link MBassador#publish}, greenrobot EventBus's {@code
 * post} to {@link ThreadMode#POSTING} subscribers and Spring's {@link
 * SimpleApplicationEventMulticaster} without a task executor. Every handler on every bus does the
 * same work through the same code: it counts the event and hands it to a {@link Blackhole}. The
 * setup publishes once on every bus and fails the trial unless each handler received that event
 * exactly once.
 *
 * <p>Handlers subscribe either to the event's own class or to an interface it implements, so the
 * second case also measures how each bus resolves supertypes.
 *
 * <h2>Fairness</h2>
 *
 * <ul>
 *   <li>Guava's handlers are marked {@link AllowConcurrentEvents}: unified handlers are not
 *       serialised either, and without it Guava would take a lock per call that the unified bus
 *       does not.
 *   <li>MBassador 1.3.2: its default features with one async dispatcher thread (idle here); the
 *       listeners are held strongly ({@link References#Strong}; its default, a weak reference,
 *       would let them be collected). Handlers are called reflectively, its default.
 *   <li>greenrobot EventBus 3.3.1 (plain Java): {@code EventBus.builder().build()}, default
 *       settings (event inheritance on, which the SUPERTYPE case needs; no generated subscriber
 *       index, so subscribers are found and called by reflection).
 *   <li>Spring 7: {@code SimpleApplicationEventMulticaster} with {@code ApplicationListener}s of
 *       {@code PayloadApplicationEvent<OrderPlaced>} (CLASS) or {@code PayloadApplicationEvent<?
 *       extends OrderEvent>} (SUPERTYPE), the event that {@code publishEvent(Object)} would wrap
 *       the payload in. The wrapper and its type are made once per trial, like the event itself,
 *       and passed to {@code multicastEvent(event, type)}, so Spring pays neither allocation nor
 *       type resolution per publish.
 *   <li>{@code metrics} configures the unified bus only; the peers count nothing either way.
 * </ul>
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
   * per subscription, with sampled handler latency. The peers count nothing either way.
   */
  @Param({"true", "false"})
  public boolean metrics;

  private UnifiedEventBus unifiedBus;
  private EventBus guavaBus;
  private MBassador<OrderEvent> mbassador;
  private org.greenrobot.eventbus.EventBus greenrobotBus;
  private SimpleApplicationEventMulticaster springMulticaster;
  private OrderPlaced event;
  private PayloadApplicationEvent<OrderPlaced> springEvent;
  private ResolvableType springEventType;

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
    mbassador = new MBassador<>(AsyncPeers.mbassadorConfiguration("sync-mbassador"));
    greenrobotBus = org.greenrobot.eventbus.EventBus.builder().build();
    springMulticaster = new SimpleApplicationEventMulticaster();
    springEvent =
        new PayloadApplicationEvent<>(this, event, ResolvableType.forClass(OrderPlaced.class));
    springEventType = springEvent.getResolvableType();
    List<Handler> unifiedHandlers = new ArrayList<>();
    List<Handler> guavaHandlers = new ArrayList<>();
    List<Handler> mbassadorHandlers = new ArrayList<>();
    List<Handler> greenrobotHandlers = new ArrayList<>();
    List<Handler> springHandlers = new ArrayList<>();
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

      Handler mbassadorHandler =
          onSupertype
              ? new MBassadorSupertypeListener(blackhole)
              : new MBassadorClassListener(blackhole);
      mbassador.subscribe(mbassadorHandler);
      mbassadorHandlers.add(mbassadorHandler);

      Handler greenrobotHandler =
          onSupertype
              ? new GreenrobotSupertypeListener(blackhole)
              : new GreenrobotClassListener(blackhole);
      greenrobotBus.register(greenrobotHandler);
      greenrobotHandlers.add(greenrobotHandler);

      if (onSupertype) {
        SpringSupertypeListener springHandler = new SpringSupertypeListener(blackhole);
        springMulticaster.addApplicationListener(springHandler);
        springHandlers.add(springHandler);
      } else {
        SpringClassListener springHandler = new SpringClassListener(blackhole);
        springMulticaster.addApplicationListener(springHandler);
        springHandlers.add(springHandler);
      }
    }

    // A bus that reached fewer handlers than asked would make its numbers look better.
    unifiedBus.publish(event);
    guavaBus.post(event);
    mbassador.publish(event);
    greenrobotBus.post(event);
    springMulticaster.multicastEvent(springEvent, springEventType);
    requireEachReceivedOnce("unified", unifiedHandlers);
    requireEachReceivedOnce("guava", guavaHandlers);
    requireEachReceivedOnce("mbassador", mbassadorHandlers);
    requireEachReceivedOnce("greenrobot", greenrobotHandlers);
    requireEachReceivedOnce("spring", springHandlers);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    unifiedBus.close();
    mbassador.shutdown();
  }

  @Benchmark
  public PublishResult unified() {
    return unifiedBus.publish(event);
  }

  @Benchmark
  public void guava() {
    guavaBus.post(event);
  }

  @Benchmark
  public void mbassador() {
    mbassador.publish(event);
  }

  @Benchmark
  public void greenrobot() {
    greenrobotBus.post(event);
  }

  @Benchmark
  public void spring() {
    springMulticaster.multicastEvent(springEvent, springEventType);
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

  /** An MBassador listener subscribed to the event's own class. */
  @Listener(references = References.Strong)
  public static final class MBassadorClassListener extends Handler {
    MBassadorClassListener(Blackhole blackhole) {
      super(blackhole);
    }

    @net.engio.mbassy.listener.Handler
    public void on(OrderPlaced event) {
      record(event);
    }
  }

  /** An MBassador listener subscribed to the interface the event implements. */
  @Listener(references = References.Strong)
  public static final class MBassadorSupertypeListener extends Handler {
    MBassadorSupertypeListener(Blackhole blackhole) {
      super(blackhole);
    }

    @net.engio.mbassy.listener.Handler
    public void on(OrderEvent event) {
      record(event);
    }
  }

  /** A greenrobot subscriber of the event's own class, called on the posting thread. */
  public static final class GreenrobotClassListener extends Handler {
    GreenrobotClassListener(Blackhole blackhole) {
      super(blackhole);
    }

    @org.greenrobot.eventbus.Subscribe(threadMode = ThreadMode.POSTING)
    public void on(OrderPlaced event) {
      record(event);
    }
  }

  /** A greenrobot subscriber of the interface the event implements, on the posting thread. */
  public static final class GreenrobotSupertypeListener extends Handler {
    GreenrobotSupertypeListener(Blackhole blackhole) {
      super(blackhole);
    }

    @org.greenrobot.eventbus.Subscribe(threadMode = ThreadMode.POSTING)
    public void on(OrderEvent event) {
      record(event);
    }
  }

  /** A Spring listener of the payload event of the event's own class. */
  static final class SpringClassListener extends Handler
      implements ApplicationListener<PayloadApplicationEvent<OrderPlaced>> {
    SpringClassListener(Blackhole blackhole) {
      super(blackhole);
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<OrderPlaced> event) {
      record(event.getPayload());
    }
  }

  /** A Spring listener of payload events of the interface the event implements. */
  static final class SpringSupertypeListener extends Handler
      implements ApplicationListener<PayloadApplicationEvent<? extends OrderEvent>> {
    SpringSupertypeListener(Blackhole blackhole) {
      super(blackhole);
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<? extends OrderEvent> event) {
      record(event.getPayload());
    }
  }
}
