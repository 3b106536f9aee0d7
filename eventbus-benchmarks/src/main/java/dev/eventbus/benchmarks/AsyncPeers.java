package dev.eventbus.benchmarks;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.IdleStrategy;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.engio.mbassy.bus.MBassador;
import net.engio.mbassy.bus.config.BusConfiguration;
import net.engio.mbassy.bus.config.Feature;
import net.engio.mbassy.bus.config.IBusConfiguration;
import net.engio.mbassy.bus.error.IPublicationErrorHandler;
import net.engio.mbassy.listener.Listener;
import net.engio.mbassy.listener.References;
import org.greenrobot.eventbus.EventBus;
import org.greenrobot.eventbus.ThreadMode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The asynchronous buses that {@link AsyncThroughputBenchmark} and {@link AsyncLatencyBenchmark}
 * compare, each set up the same way for both: the benchmark thread is the only producer, and one
 * subscriber per bus runs on one consumer thread that the bus owns. Every bus hands each event to
 * the same {@link TickHandler}, directly from its own callback, so the handler work is identical
 * and only the bus in between differs.
 *
 * <p>Each peer owns its threads and {@link Peer#close() closes} them, so a trial leaves nothing
 * running behind it.
 */
final class AsyncPeers {

  /** How long a close waits for a bus to drain before it gives up on it. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private AsyncPeers() {}

  /** The published event: small and immutable; the benchmarks allocate theirs before measuring. */
  record Tick(long sequence, long payload) {}

  /** What the subscriber does with each event: the only handler work, the same for every bus. */
  interface TickHandler {
    void onTick(Tick tick);
  }

  /** One bus with its subscriber: publish from one thread, close once. */
  interface Peer extends AutoCloseable {
    void publish(Tick tick);

    /**
     * As {@link #publish}, checking what the bus says it did with the event; for setup checks,
     * outside the measured code.
     */
    default void publishChecked(Tick tick) {
      publish(tick);
    }

    @Override
    void close();
  }

  /**
   * The unified bus from {@link EventBusFactory}, with one ASYNC shard (one ordered lane, one
   * worker thread) whose queue holds {@code queueSize} deliveries and blocks the publisher when
   * full.
   */
  static final class Unified implements Peer {
    private final UnifiedEventBus bus;

    Unified(TickHandler handler, int queueSize) {
      this(handler, queueSize, AsyncConfig.defaults().idleStrategy());
    }

    /**
     * @param idleStrategy how the lane's thread waits when its queue runs empty
     */
    Unified(TickHandler handler, int queueSize, IdleStrategy idleStrategy) {
      EventBusConfig config =
          EventBusConfig.builder()
              .async(
                  AsyncConfig.builder()
                      .shards(1)
                      .queueSize(queueSize)
                      .overflowPolicy(OverflowPolicy.BLOCK)
                      .idleStrategy(idleStrategy)
                      .build())
              .build();
      bus = EventBusFactory.createWithConfig(config);
      Subscription subscription =
          bus.subscribe(
              Tick.class,
              new UnifiedHandler(handler),
              SubscriptionOptions.builder()
                  .mode(ProcessingMode.ASYNC)
                  .overflowPolicy(OverflowPolicy.BLOCK)
                  .build());
      if (subscription.mode() != ProcessingMode.ASYNC) {
        bus.close();
        throw new IllegalStateException("unified subscription is " + subscription.mode());
      }
    }

    @Override
    public void publish(Tick tick) {
      bus.publish(tick);
    }

    /**
     * @throws IllegalStateException unless the bus queued the delivery for its async lane
     */
    @Override
    public void publishChecked(Tick tick) {
      PublishResult result = bus.publish(tick);
      if (result.subscribers() != 1 || result.pending() != 1) {
        throw new IllegalStateException("unified: the delivery was not queued: " + result);
      }
    }

    @Override
    public void close() {
      bus.close();
    }
  }

  /** Calls the shared handler from the unified bus. */
  private static final class UnifiedHandler implements EventHandler<Tick> {
    private final TickHandler handler;

    UnifiedHandler(TickHandler handler) {
      this.handler = handler;
    }

    @Override
    public void handle(Tick event) {
      handler.onTick(event);
    }

    @Override
    public String name() {
      return "async-benchmark-subscriber";
    }
  }

  /**
   * Guava's {@link AsyncEventBus} on a single-thread executor (whose queue, as usual for it, is
   * unbounded). The listener is {@link AllowConcurrentEvents}, as in {@link SyncPublishBenchmark}:
   * with one executor thread Guava's per-call lock would be uncontended anyway.
   */
  static final class GuavaAsync implements Peer {
    private final ExecutorService executor;
    private final AsyncEventBus bus;

    GuavaAsync(TickHandler handler) {
      executor = Executors.newSingleThreadExecutor(daemonThreads("guava-async-peer"));
      bus = new AsyncEventBus("guava-async-peer", executor);
      bus.register(new GuavaListener(handler));
    }

    @Override
    public void publish(Tick tick) {
      bus.post(tick);
    }

    @Override
    public void close() {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException interrupted) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Calls the shared handler from Guava's bus. */
  public static final class GuavaListener {
    private final TickHandler handler;

    GuavaListener(TickHandler handler) {
      this.handler = handler;
    }

    @Subscribe
    @AllowConcurrentEvents
    public void on(Tick tick) {
      handler.onTick(tick);
    }
  }

  /** The wait strategies the Disruptor peer can run with, by their JMH parameter value. */
  static WaitStrategy waitStrategy(String name) {
    return switch (name) {
      case "BLOCKING" -> new BlockingWaitStrategy();
      case "YIELDING" -> new YieldingWaitStrategy();
      default ->
          throw new IllegalArgumentException(
              "waitStrategy must be BLOCKING or YIELDING but was " + name);
    };
  }

  /**
   * An LMAX {@link Disruptor}: a pre-allocated ring of {@code ringSize} slots, a single producer
   * (the benchmark thread, which waits for room when the ring is full) and one event handler
   * thread.
   */
  static final class LmaxDisruptor implements Peer {
    private static final EventTranslatorOneArg<Slot, Tick> PUT =
        (slot, sequence, tick) -> {
          slot.tick = tick;
        };

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;

    LmaxDisruptor(TickHandler handler, int ringSize, WaitStrategy waitStrategy) {
      this(new SlotHandler(handler), ringSize, waitStrategy, ProducerType.SINGLE);
    }

    /**
     * A Disruptor whose one event handler is {@code slotHandler} and whose producers are {@code
     * producerType} ({@link ProducerType#MULTI} when several threads publish).
     */
    LmaxDisruptor(
        com.lmax.disruptor.EventHandler<Slot> slotHandler,
        int ringSize,
        WaitStrategy waitStrategy,
        ProducerType producerType) {
      disruptor =
          new Disruptor<>(
              Slot::new, ringSize, daemonThreads("disruptor-peer"), producerType, waitStrategy);
      disruptor.handleEventsWith(slotHandler);
      ring = disruptor.start();
    }

    @Override
    public void publish(Tick tick) {
      ring.publishEvent(PUT, tick);
    }

    @Override
    public void close() {
      try {
        disruptor.shutdown(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException timedOut) {
        disruptor.halt();
      }
    }
  }

  /** One slot of the Disruptor's ring, reused for every event that passes through it. */
  static final class Slot {
    @Nullable Tick tick;
  }

  /** Calls the shared handler from the Disruptor. */
  static final class SlotHandler implements com.lmax.disruptor.EventHandler<Slot> {
    private final TickHandler handler;

    SlotHandler(TickHandler handler) {
      this.handler = handler;
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
      Tick tick = slot.tick;
      if (tick == null) {
        throw new IllegalStateException("empty slot at sequence " + sequence);
      }
      handler.onTick(tick);
    }
  }

  /**
   * Reactor: a unicast {@link Sinks.Many} (unbounded buffer) seen through {@code
   * publishOn(scheduler)}, with a single-thread scheduler of its own so the trial can dispose it.
   * With one producer an emission that fails fails the benchmark ({@code FAIL_FAST}); with several
   * ({@link #multiProducer}) an emission that meets another in progress ({@code
   * FAIL_NON_SERIALIZED}) is retried by busy looping, for up to {@link #CLOSE_TIMEOUT}.
   */
  static final class ReactorSink implements Peer {
    private final Scheduler scheduler;
    private final Sinks.Many<Tick> sink;
    private final Disposable subscription;
    private final Sinks.EmitFailureHandler onFailure;

    ReactorSink(TickHandler handler) {
      this(handler, Sinks.EmitFailureHandler.FAIL_FAST);
    }

    private ReactorSink(TickHandler handler, Sinks.EmitFailureHandler onFailure) {
      scheduler = Schedulers.newSingle("reactor-sink-peer", true);
      sink = Sinks.many().unicast().onBackpressureBuffer();
      subscription = sink.asFlux().publishOn(scheduler).subscribe(handler::onTick);
      this.onFailure = onFailure;
    }

    /** A sink that several threads may emit to at once, retrying non-serialized emissions. */
    static ReactorSink multiProducer(TickHandler handler) {
      return new ReactorSink(handler, Sinks.EmitFailureHandler.busyLooping(CLOSE_TIMEOUT));
    }

    @Override
    public void publish(Tick tick) {
      sink.emitNext(tick, onFailure);
    }

    @Override
    public void close() {
      sink.tryEmitComplete();
      subscription.dispose();
      scheduler.dispose();
    }
  }

  /**
   * The configuration of every MBassador of the benchmarks: its default features, except that
   * asynchronous publications are dispatched by one thread (its default is two, which would call
   * one subscriber from two threads at once) of {@code threadName}, a daemon; its default unbounded
   * {@code LinkedBlockingQueue} holds them. Handler errors are printed; the delivery checks of the
   * benchmarks then fail.
   */
  static IBusConfiguration mbassadorConfiguration(String threadName) {
    return new BusConfiguration()
        .addFeature(Feature.SyncPubSub.Default())
        .addFeature(Feature.AsynchronousHandlerInvocation.Default())
        .addFeature(
            Feature.AsynchronousMessageDispatch.Default()
                .setNumberOfMessageDispatchers(1)
                .setDispatcherThreadFactory(daemonThreads(threadName)))
        .addPublicationErrorHandler(new IPublicationErrorHandler.ConsoleLogger(true));
  }

  /**
   * MBassador 1.3.2 through {@link MBassador#publishAsync}: one dispatcher thread ({@link
   * #mbassadorConfiguration}) takes each publication from the bus's unbounded queue and calls the
   * handler on itself ({@code @Handler}'s default {@code Invoke.Synchronously}). The listener is
   * held strongly ({@link References#Strong}; MBassador's default is a weak reference).
   */
  static final class MBassadorAsync implements Peer {
    private final MBassador<Tick> bus;

    MBassadorAsync(TickHandler handler) {
      bus = new MBassador<>(mbassadorConfiguration("mbassador-peer"));
      bus.subscribe(new MBassadorListener(handler));
    }

    @Override
    public void publish(Tick tick) {
      bus.publishAsync(tick);
    }

    @Override
    public void close() {
      bus.shutdown();
    }
  }

  /** Calls the shared handler from MBassador. */
  @Listener(references = References.Strong)
  public static final class MBassadorListener {
    private final TickHandler handler;

    MBassadorListener(TickHandler handler) {
      this.handler = handler;
    }

    @net.engio.mbassy.listener.Handler
    public void on(Tick tick) {
      handler.onTick(tick);
    }
  }

  /**
   * greenrobot EventBus 3.3.1 (plain Java) with its default settings (event inheritance on) and a
   * subscriber in {@link ThreadMode#BACKGROUND}, on a single-thread executor given to its builder.
   * Without Android every thread counts as its "main" thread, so each post goes to its background
   * poster, which delivers the events in order from one task at a time on that executor, waiting
   * (up to 1 s) for more before it ends. {@link ThreadMode#ASYNC} would instead submit one task per
   * event, and with its default cached pool call the subscriber from several threads at once. The
   * constructor checks that a subscriber of this mode runs off the posting thread.
   */
  static final class GreenrobotBackground implements Peer {
    private final ExecutorService executor;
    private final EventBus bus;

    GreenrobotBackground(TickHandler handler) {
      executor = Executors.newSingleThreadExecutor(daemonThreads("greenrobot-peer"));
      bus = EventBus.builder().executorService(executor).build();
      requireDeliveredOffThread();
      bus.register(new GreenrobotListener(handler));
    }

    private void requireDeliveredOffThread() {
      ThreadProbe probe = new ThreadProbe();
      bus.register(probe);
      bus.post(probe);
      try {
        if (!probe.delivered.await(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
          close();
          throw new IllegalStateException("greenrobot: the probe was not delivered");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("greenrobot: interrupted", interrupted);
      }
      bus.unregister(probe);
      if (probe.thread == Thread.currentThread()) {
        close();
        throw new IllegalStateException("greenrobot: BACKGROUND ran on the posting thread");
      }
    }

    @Override
    public void publish(Tick tick) {
      bus.post(tick);
    }

    @Override
    public void close() {
      shutDown(executor);
    }
  }

  /** Calls the shared handler from greenrobot's bus. */
  public static final class GreenrobotListener {
    private final TickHandler handler;

    GreenrobotListener(TickHandler handler) {
      this.handler = handler;
    }

    @org.greenrobot.eventbus.Subscribe(threadMode = ThreadMode.BACKGROUND)
    public void on(Tick tick) {
      handler.onTick(tick);
    }
  }

  /** Records the thread greenrobot delivers a {@link ThreadMode#BACKGROUND} event on. */
  public static final class ThreadProbe {
    final CountDownLatch delivered = new CountDownLatch(1);
    volatile @Nullable Thread thread;

    @org.greenrobot.eventbus.Subscribe(threadMode = ThreadMode.BACKGROUND)
    public void on(ThreadProbe probe) {
      probe.thread = Thread.currentThread();
      probe.delivered.countDown();
    }
  }

  /**
   * Spring's {@link SimpleApplicationEventMulticaster} (spring-context 7) with a {@link
   * ThreadPoolTaskExecutor} of one thread (unbounded queue) as its task executor, so it submits
   * each listener call as a task, and one {@link ApplicationListener} of {@code
   * PayloadApplicationEvent<Tick>}: what {@code ApplicationEventPublisher.publishEvent(Object)}
   * hands the multicaster for a plain object. As the other buses are handed pre-allocated events,
   * the peer wraps each {@link Tick} once, the first time it sees it, and multicasts the same
   * wrapper (with its type, resolved once) from then on.
   */
  static final class SpringAsync implements Peer {
    private static final ResolvableType EVENT_TYPE =
        ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, Tick.class);

    private final ThreadPoolTaskExecutor executor;
    private final SimpleApplicationEventMulticaster multicaster;
    private Tick[] wrapped = new Tick[1_024];
    private ApplicationEvent[] events = new ApplicationEvent[1_024];

    SpringAsync(TickHandler handler) {
      executor = new ThreadPoolTaskExecutor();
      executor.setCorePoolSize(1);
      executor.setMaxPoolSize(1);
      executor.setThreadNamePrefix("spring-peer-");
      executor.setDaemon(true);
      executor.setWaitForTasksToCompleteOnShutdown(true);
      executor.setAwaitTerminationMillis(CLOSE_TIMEOUT.toMillis());
      executor.initialize();
      multicaster = new SimpleApplicationEventMulticaster();
      multicaster.setTaskExecutor(executor);
      multicaster.addApplicationListener(new SpringListener(handler));
    }

    @Override
    public void publish(Tick tick) {
      multicaster.multicastEvent(eventOf(tick), EVENT_TYPE);
    }

    private ApplicationEvent eventOf(Tick tick) {
      int index = Math.toIntExact(tick.sequence());
      if (index >= wrapped.length) {
        int length = Math.max(index + 1, wrapped.length * 2);
        wrapped = Arrays.copyOf(wrapped, length);
        events = Arrays.copyOf(events, length);
      }
      if (wrapped[index] != tick) {
        wrapped[index] = tick;
        events[index] = new PayloadApplicationEvent<>(this, tick, EVENT_TYPE.getGeneric(0));
      }
      return events[index];
    }

    @Override
    public void close() {
      multicaster.removeAllListeners();
      executor.shutdown();
    }
  }

  /** Calls the shared handler from Spring's multicaster. */
  static final class SpringListener implements ApplicationListener<PayloadApplicationEvent<Tick>> {
    private final TickHandler handler;

    SpringListener(TickHandler handler) {
      this.handler = handler;
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<Tick> event) {
      handler.onTick(event.getPayload());
    }
  }

  private static void shutDown(ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  static ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The throughput benchmark's handler work: adds up the payloads and, every {@code perRound}
   * events, ends a round and wakes the producer waiting for it. Called from one consumer thread at
   * a time; the bus's queue orders one call before the next.
   */
  static final class RoundCounter implements TickHandler {
    private final int perRound;
    private final AtomicLong rounds = new AtomicLong();
    private volatile @Nullable Thread waiter;
    private int inRound;
    private long checksum;

    RoundCounter(int perRound) {
      this.perRound = perRound;
    }

    @Override
    public void onTick(Tick tick) {
      checksum += tick.payload();
      if (++inRound == perRound) {
        inRound = 0;
        rounds.incrementAndGet();
        Thread producer = waiter;
        if (producer != null) {
          LockSupport.unpark(producer);
        }
      }
    }

    /** Rounds finished so far. */
    long rounds() {
      return rounds.get();
    }

    /** Called by the producer before it publishes a round it will wait for. */
    void expectWaiter() {
      waiter = Thread.currentThread();
    }

    /**
     * Parks until {@code round} rounds have finished, then returns the checksum so far.
     *
     * @throws IllegalStateException if that takes longer than {@code timeout}
     */
    long awaitRounds(long round, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (rounds.get() < round) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "round "
                  + round
                  + " not delivered within "
                  + timeout
                  + ": "
                  + rounds.get()
                  + " rounds and "
                  + inRound
                  + " events of the next one arrived");
        }
        LockSupport.parkNanos(this, left);
      }
      return checksum;
    }
  }

  /**
   * The latency benchmark's handler work: adds up the payloads and stores the sequence of the last
   * event seen, a single-slot handoff that the producer spins on.
   */
  static final class LastSeen implements TickHandler {
    private volatile long seen = -1;
    private long checksum;

    @Override
    public void onTick(Tick tick) {
      checksum += tick.payload();
      seen = tick.sequence();
    }

    /**
     * Returns once the handler has seen the event {@code sequence}: spins (with {@link
     * Thread#onSpinWait()}) for up to {@code spin}, which on a working bus is far more than a
     * handoff takes, then polls with short parks until {@code timeout}.
     *
     * @throws IllegalStateException if the handler has not seen it within {@code timeout}
     */
    void awaitSeen(long sequence, long spinNanos, long parkNanos, long timeoutNanos) {
      if (seen == sequence) {
        return;
      }
      long start = System.nanoTime();
      while (seen != sequence) {
        long waited = System.nanoTime() - start;
        if (waited < spinNanos) {
          Thread.onSpinWait();
        } else if (waited < timeoutNanos) {
          LockSupport.parkNanos(this, parkNanos);
        } else {
          throw new IllegalStateException(
              "event "
                  + sequence
                  + " not handled within "
                  + Duration.ofNanos(timeoutNanos)
                  + "; last seen "
                  + seen);
        }
      }
    }

    /** The payloads added up so far, read after a handoff. */
    long checksum() {
      return checksum;
    }
  }
}
