package dev.eventbus.processors;

import dev.eventbus.api.AsyncConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.IdleStrategy;
import dev.eventbus.api.OverflowPolicy;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.core.spi.DeliveryOutcome;
import dev.eventbus.core.spi.HandlerInvoker;
import dev.eventbus.core.spi.ProcessorContext;
import dev.eventbus.core.spi.Subscriber;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What the {@code IdleCheck*Test}s share: a lane per sample, built as the async processor builds
 * one, on one scheduler and one processor context for the whole forked VM, and probe tasks that
 * record whether (and how often) they ran.
 *
 * <p>These tests exercise {@link OrderedLane}, which is package-private, so they sit in its package
 * (the jcstress jar runs everything from the classpath, where the split package is allowed). A lane
 * costs a few small objects and a {@link Scheduler.Worker} (no thread); each arbiter stops its
 * sample's lane, which disposes the worker, so no lane outlives a sample.
 */
final class IdleCheck {

  /**
   * Two daemon threads for every lane of the forked VM, as {@code Buses.LANES} for the bus tests:
   * the machine these run on has two cores, and the actors need them too.
   */
  private static final Scheduler LANES = Schedulers.newParallel("jcstress-idle-lanes", 2, true);

  /**
   * How long an arbiter waits for a probe to run, and for the lane to stop; far more than they ever
   * need. Past it the sample reports {@link #NOT_RUN} instead of hanging.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /**
   * The lanes' configuration: a spinning lane spins ({@link IdleStrategy#SPIN}) for the default 50
   * µs before it parks; one shard, so that the lane counts as having a core to spare.
   */
  private static final EventBusConfig CONFIG =
      EventBusConfig.builder()
          .async(
              AsyncConfig.builder()
                  .shards(1)
                  .queueSize(4)
                  .idleSpin(Duration.ofNanos(50_000))
                  .idleStrategy(IdleStrategy.SPIN)
                  .build())
          .build();

  private static final ProcessorContext CONTEXT = new ProbeContext();
  private static final Subscriber SUBSCRIBER = new ProbeSubscriber();

  /** An actor's result: its {@code isIdle()} after its offer said {@code false}. */
  static final int BUSY = 0;

  /** An actor's result: {@code isIdle()} said {@code true} and the actor's task had run. */
  static final int IDLE_AFTER_RUN = 1;

  /** An actor's result: {@code isIdle()} said {@code true} before the actor's task ran (a bug). */
  static final int IDLE_BEFORE_RUN = 2;

  /** Arbiter bit: a probe had not run after {@link #PATIENCE}. */
  static final int NOT_RUN = 1;

  /** Arbiter bit: a probe ran more than once, or the lane refused or abandoned it. */
  static final int MISHANDLED = 2;

  /** Arbiter bit: the lane was not idle once its stop returned (the stop gave up waiting). */
  static final int BUSY_AFTER_STOP = 4;

  private IdleCheck() {}

  /**
   * A new lane on the shared threads, as {@code AsyncProcessor} makes one (capacity far above the
   * two tasks a sample offers, so no overflow policy is involved; not pooled, since a probe is no
   * delivery task).
   */
  static OrderedLane lane(boolean spinWhenIdle) {
    return new OrderedLane(
        "idle-check",
        CONFIG.async().queueSize(),
        LANES.createWorker(),
        CONTEXT,
        spinWhenIdle,
        false);
  }

  /**
   * An actor's turn: offers {@code probe} to {@code lane}, then asks {@link OrderedLane#isIdle()};
   * if it says idle, reads (a plain read) whether the probe ran.
   *
   * @return {@link #BUSY}, {@link #IDLE_AFTER_RUN} or {@link #IDLE_BEFORE_RUN}
   */
  static int offerThenAsk(OrderedLane lane, Probe probe) {
    lane.offer(probe, OverflowPolicy.FAIL, Duration.ZERO);
    if (!lane.isIdle()) {
      return BUSY;
    }
    return probe.runs > 0 ? IDLE_AFTER_RUN : IDLE_BEFORE_RUN;
  }

  /**
   * The arbiter's turn: waits (at most {@link #PATIENCE}) until both probes ran, then stops the
   * lane, which disposes its worker.
   *
   * @return the bits of what went wrong, 0 if nothing did
   */
  static int settle(OrderedLane lane, Probe first, Probe second) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int bits = 0;
    if (!first.awaitRun(deadline) || !second.awaitRun(deadline)) {
      bits |= NOT_RUN;
    }
    lane.stop(System.nanoTime() + PATIENCE.toNanos());
    if (!lane.isIdle()) {
      bits |= BUSY_AFTER_STOP;
    }
    if (!first.once() || !second.once()) {
      bits |= MISHANDLED;
    }
    return bits;
  }

  /**
   * A task that records that it ran: {@code runs} in a plain field (what an actor reads after
   * {@code isIdle()}, so that an idle answer must also make the task's writes visible), {@code
   * done} in a volatile one (what the arbiter waits for).
   */
  static final class Probe extends Task {

    private static final int HANDLER_SPINS = 50;

    int runs;
    private volatile boolean done;
    private volatile boolean settledOtherwise;

    Probe() {
      super(SUBSCRIBER, 1);
    }

    @Override
    @Nullable Duration run(HandlerInvoker invoker) {
      // A handler's worth of work (about a microsecond) between the drain counting the task started
      // and the task's effect: without it, an isIdle() that trusted the count alone went wrong in 1
      // or 2 samples of a quick run, too rarely to show.
      for (int i = 0; i < HANDLER_SPINS; i++) {
        Thread.onSpinWait();
      }
      runs++;
      done = true;
      return null;
    }

    @Override
    int size() {
      return 1;
    }

    @Override
    void refuse(ProcessorContext context, String reason) {
      settledOtherwise = true;
      done = true;
    }

    @Override
    int abandon(ProcessorContext context, String reason) {
      if (done) {
        return 0;
      }
      settledOtherwise = true;
      done = true;
      return 1;
    }

    private boolean awaitRun(long deadline) {
      for (int spins = 0; !done; spins++) {
        if (System.nanoTime() - deadline >= 0) {
          return false;
        }
        OrderedLane.backOff(spins);
      }
      return true;
    }

    private boolean once() {
      return done && !settledOtherwise && runs == 1;
    }
  }

  /**
   * The one processor context of the forked VM: {@link #CONFIG}; the probes never call the invoker.
   */
  private static final class ProbeContext implements ProcessorContext {

    private final HandlerInvoker invoker = new UnusedInvoker();

    @Override
    public EventBusConfig config() {
      return CONFIG;
    }

    @Override
    public HandlerInvoker invoker() {
      return invoker;
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public void reportDrop(Subscriber subscriber, Object event, String reason) {}

    @Override
    public void batchFlushed(Subscriber subscriber, int size) {}
  }

  /** What the lane passes to each probe's {@code run}, which ignores it. */
  private static final class UnusedInvoker implements HandlerInvoker {

    @Override
    public DeliveryOutcome invoke(Subscriber subscriber, Object event) {
      throw unused();
    }

    @Override
    public @Nullable Throwable attempt(Subscriber subscriber, Object event, int attempt) {
      throw unused();
    }

    @Override
    public @Nullable Throwable attemptBatch(
        Subscriber subscriber, List<Object> events, int attempt) {
      throw unused();
    }

    @Override
    public @Nullable Duration retryDelay(
        Subscriber subscriber, Throwable failure, int attemptsSoFar) {
      throw unused();
    }

    @Override
    public DeliveryOutcome.Failed fail(
        Subscriber subscriber, Object event, Throwable cause, int attempts) {
      throw unused();
    }

    private static UnsupportedOperationException unused() {
      return new UnsupportedOperationException("the IdleCheck probes run no handler");
    }
  }

  /**
   * The subscriber every probe names: the lane reads a task's subscriber only to report it (a stop
   * that finds it running or abandons it), never to deliver.
   */
  private static final class ProbeSubscriber implements Subscriber {

    private static final SubscriptionId ID = new SubscriptionId(1);

    @Override
    public SubscriptionId id() {
      return ID;
    }

    @Override
    public String eventType() {
      return "idle-check";
    }

    @Override
    public String name() {
      return "idle-check-probe";
    }

    @Override
    public ProcessingMode mode() {
      return ProcessingMode.ASYNC;
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public boolean isActive() {
      return true;
    }

    @Override
    public void close() {}

    @Override
    public EventHandler<Object> handler() {
      return event -> {
        throw new UnsupportedOperationException("the IdleCheck probes run no handler");
      };
    }

    @Override
    public RetryPolicy retryPolicy() {
      return RetryPolicy.none();
    }

    @Override
    public OverflowPolicy overflowPolicy() {
      return OverflowPolicy.FAIL;
    }

    @Override
    public int batchSize() {
      return 1;
    }

    @Override
    public int concurrency() {
      return 1;
    }
  }
}
