package dev.eventbus.benchmarks;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.util.concurrent.TimeUnit;
import net.engio.mbassy.bus.MBassador;
import net.engio.mbassy.listener.Listener;
import net.engio.mbassy.listener.References;
import org.greenrobot.eventbus.ThreadMode;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registry churn: one handler subscribed and then unsubscribed again while {@value #EXISTING} other
 * subscriptions exist, as average time per subscribe-plus-unsubscribe pair. The unified bus ({@code
 * subscribe(Class, handler)} then {@code unsubscribe(id)}) against Guava's {@code register}/{@code
 * unregister}, MBassador's {@code subscribe}/{@code unsubscribe} and greenrobot EventBus's {@code
 * register}/{@code unregister}. Issue 7's target is a subscribe under 5 µs with 10,000
 * subscriptions present; this measures the pair, so it bounds the subscribe from above.
 *
 * <h2>Method</h2>
 *
 * <ul>
 *   <li>Each bus gets {@value #EXISTING} distinct listener objects, all subscribed to the event
 *       class {@link Churned} that the churned handler subscribes to: the case where a registry
 *       that copies or scans per event type pays the most. Only the bus of the method being run is
 *       built in its fork.
 *   <li>The churned handler is one object made at setup, subscribed and unsubscribed again by every
 *       invocation, so no bus is charged for allocating a listener (the unified bus's {@code
 *       Subscription} and a peer's internal records are charged: they are the registry's cost).
 *   <li>Setup publishes one event with the churned handler subscribed and fails unless every one of
 *       the {@value #EXISTING} + 1 handlers got it once; then unsubscribes it, publishes again and
 *       fails unless only the existing ones got it. Teardown publishes once more after the
 *       measurement and fails unless the {@value #EXISTING} existing handlers, and not the churned
 *       one, got it: a bus whose unsubscribe left the handler behind, or whose subscribe did not
 *       take, fails.
 * </ul>
 *
 * <h2>Fairness</h2>
 *
 * <ul>
 *   <li>Guava: {@link AllowConcurrentEvents} listeners, as in {@link SyncPublishBenchmark}; its
 *       per-class scan of annotated methods is cached after the first registration of a class.
 *   <li>MBassador 1.3.2: the configuration of {@link AsyncPeers#mbassadorConfiguration}; listeners
 *       held strongly ({@link References#Strong}).
 *   <li>greenrobot EventBus 3.3.1: {@code EventBus.builder().build()} (no subscriber index, so its
 *       per-class method lookup is by reflection, cached after the first time).
 *   <li>Unified bus: {@code EventBusFactory.createWithConfig} with the default configuration;
 *       subscriptions in its default (SYNC) mode.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RegistryChurnBenchmark {

  /** Subscriptions present while one handler is churned. */
  public static final int EXISTING = 10_000;

  /** The event every handler of this benchmark subscribes to. */
  public record Churned(long id) {}

  /** Counts what a group of handlers received; handlers are called on the publishing thread. */
  static final class Tally {
    long received;
  }

  /** The listener of every bus: counts into its tally. */
  abstract static class Counting {
    final Tally tally;

    Counting(Tally tally) {
      this.tally = tally;
    }

    final void record(Churned event) {
      if (event.id() >= 0) {
        tally.received++;
      }
    }
  }

  /** A unified-bus handler. */
  static final class UnifiedListener extends Counting implements EventHandler<Churned> {
    UnifiedListener(Tally tally) {
      super(tally);
    }

    @Override
    public void handle(Churned event) {
      record(event);
    }
  }

  /** A Guava listener. */
  public static final class GuavaListener extends Counting {
    GuavaListener(Tally tally) {
      super(tally);
    }

    @Subscribe
    @AllowConcurrentEvents
    public void on(Churned event) {
      record(event);
    }
  }

  /** An MBassador listener. */
  @Listener(references = References.Strong)
  public static final class MBassadorListener extends Counting {
    MBassadorListener(Tally tally) {
      super(tally);
    }

    @net.engio.mbassy.listener.Handler
    public void on(Churned event) {
      record(event);
    }
  }

  /** A greenrobot subscriber, called on the posting thread. */
  public static final class GreenrobotListener extends Counting {
    GreenrobotListener(Tally tally) {
      super(tally);
    }

    @org.greenrobot.eventbus.Subscribe(threadMode = ThreadMode.POSTING)
    public void on(Churned event) {
      record(event);
    }
  }

  /** One bus as the benchmark needs it: add or remove the churned handler, publish. */
  abstract static class Registry {
    final Tally existing = new Tally();
    final Tally churned = new Tally();

    abstract void addExisting();

    abstract void subscribeChurned();

    abstract void unsubscribeChurned();

    abstract void publish(Churned event);

    void close() {}

    /**
     * Publishes once and fails unless the existing handlers got it {@value #EXISTING} times and the
     * churned one {@code churnedGets} times.
     */
    void requireDelivery(String bus, int churnedGets) {
      long existingBefore = existing.received;
      long churnedBefore = churned.received;
      publish(new Churned(1));
      long existingGot = existing.received - existingBefore;
      long churnedGot = churned.received - churnedBefore;
      if (existingGot != EXISTING || churnedGot != churnedGets) {
        throw new IllegalStateException(
            bus
                + ": the existing handlers got "
                + existingGot
                + " (expected "
                + EXISTING
                + "), the churned one "
                + churnedGot
                + " (expected "
                + churnedGets
                + ")");
      }
    }

    void setUp(String bus) {
      for (int i = 0; i < EXISTING; i++) {
        addExisting();
      }
      subscribeChurned();
      requireDelivery(bus, 1);
      unsubscribeChurned();
      requireDelivery(bus, 0);
    }
  }

  /** The unified bus. */
  @State(Scope.Thread)
  public static class UnifiedBus {
    UnifiedRegistry registry;

    @Setup(Level.Trial)
    public void setUp() {
      registry = new UnifiedRegistry();
      registry.setUp("unified");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        registry.requireDelivery("unified", 0);
      } finally {
        registry.close();
      }
    }
  }

  static final class UnifiedRegistry extends Registry {
    final UnifiedEventBus bus = EventBusFactory.createWithConfig(EventBusConfig.builder().build());
    final UnifiedListener churnedListener = new UnifiedListener(churned);
    @Nullable Subscription subscription;

    @Override
    void addExisting() {
      bus.subscribe(Churned.class, new UnifiedListener(existing));
    }

    @Override
    void subscribeChurned() {
      subscription = bus.subscribe(Churned.class, churnedListener);
    }

    @Override
    void unsubscribeChurned() {
      Subscription current = subscription;
      if (current == null) {
        throw new IllegalStateException("unified: nothing to unsubscribe");
      }
      bus.unsubscribe(current.id());
    }

    @Override
    void publish(Churned event) {
      bus.publish(event);
    }

    @Override
    void close() {
      bus.close();
    }
  }

  /** Guava's {@code EventBus}. */
  @State(Scope.Thread)
  public static class GuavaBus {
    GuavaRegistry registry;

    @Setup(Level.Trial)
    public void setUp() {
      registry = new GuavaRegistry();
      registry.setUp("guava");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      registry.requireDelivery("guava", 0);
    }
  }

  static final class GuavaRegistry extends Registry {
    final EventBus bus = new EventBus("registry-churn");
    final GuavaListener churnedListener = new GuavaListener(churned);

    @Override
    void addExisting() {
      bus.register(new GuavaListener(existing));
    }

    @Override
    void subscribeChurned() {
      bus.register(churnedListener);
    }

    @Override
    void unsubscribeChurned() {
      bus.unregister(churnedListener);
    }

    @Override
    void publish(Churned event) {
      bus.post(event);
    }
  }

  /** MBassador. */
  @State(Scope.Thread)
  public static class MBassadorBus {
    MBassadorRegistry registry;

    @Setup(Level.Trial)
    public void setUp() {
      registry = new MBassadorRegistry();
      registry.setUp("mbassador");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        registry.requireDelivery("mbassador", 0);
      } finally {
        registry.close();
      }
    }
  }

  static final class MBassadorRegistry extends Registry {
    final MBassador<Churned> bus =
        new MBassador<>(AsyncPeers.mbassadorConfiguration("churn-mbassador"));
    final MBassadorListener churnedListener = new MBassadorListener(churned);

    @Override
    void addExisting() {
      bus.subscribe(new MBassadorListener(existing));
    }

    @Override
    void subscribeChurned() {
      bus.subscribe(churnedListener);
    }

    @Override
    void unsubscribeChurned() {
      bus.unsubscribe(churnedListener);
    }

    @Override
    void publish(Churned event) {
      bus.publish(event);
    }

    @Override
    void close() {
      bus.shutdown();
    }
  }

  /** greenrobot EventBus. */
  @State(Scope.Thread)
  public static class GreenrobotBus {
    GreenrobotRegistry registry;

    @Setup(Level.Trial)
    public void setUp() {
      registry = new GreenrobotRegistry();
      registry.setUp("greenrobot");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      registry.requireDelivery("greenrobot", 0);
    }
  }

  static final class GreenrobotRegistry extends Registry {
    final org.greenrobot.eventbus.EventBus bus = org.greenrobot.eventbus.EventBus.builder().build();
    final GreenrobotListener churnedListener = new GreenrobotListener(churned);

    @Override
    void addExisting() {
      bus.register(new GreenrobotListener(existing));
    }

    @Override
    void subscribeChurned() {
      bus.register(churnedListener);
    }

    @Override
    void unsubscribeChurned() {
      bus.unregister(churnedListener);
    }

    @Override
    void publish(Churned event) {
      bus.post(event);
    }
  }

  @Benchmark
  public void unified(UnifiedBus bus) {
    bus.registry.subscribeChurned();
    bus.registry.unsubscribeChurned();
  }

  @Benchmark
  public void guava(GuavaBus bus) {
    bus.registry.subscribeChurned();
    bus.registry.unsubscribeChurned();
  }

  @Benchmark
  public void mbassador(MBassadorBus bus) {
    bus.registry.subscribeChurned();
    bus.registry.unsubscribeChurned();
  }

  @Benchmark
  public void greenrobot(GreenrobotBus bus) {
    bus.registry.subscribeChurned();
    bus.registry.unsubscribeChurned();
  }
}
