package dev.eventbus.processors.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.EventHandler;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of subscribe, unsubscribe, publish and reconfigure (the default retry policy),
 * with event-class hierarchies, string types, filters, handler and option priorities, and handlers
 * that fail the first attempt of some events, run against a real bus and against a small reference
 * model of the documented semantics. SYNC: every publish's handler calls (in order) and its result
 * must match the model exactly. ASYNC: after a drain, each subscription's calls per event type (in
 * publish order) and the totals must match.
 *
 * <p>The base seed is random per run (set {@code -Dmodel.seed=N} to repeat one); a failure names
 * the sequence's seed and lists its operations.
 */
class ModelBasedBusTest {

  private static final int SYNC_SEQUENCES = 400;
  private static final int ASYNC_SEQUENCES = 60;
  private static final int OPS = 40;

  interface Base {}

  record A(int id, int n, boolean flaky) implements Base {}

  record B(int id, int n, boolean flaky) implements Base {}

  enum Target {
    A_CLASS,
    B_CLASS,
    BASE_INTERFACE,
    OBJECT,
    STAR,
    A_TYPE_NAME;

    boolean matches(Object event) {
      return switch (this) {
        case A_CLASS, A_TYPE_NAME -> event instanceof A;
        case B_CLASS -> event instanceof B;
        case BASE_INTERFACE, OBJECT, STAR -> true;
      };
    }
  }

  enum Filter {
    NONE,
    EVEN,
    ODD,
    NOT_MOD3;

    boolean accepts(int n) {
      return switch (this) {
        case NONE -> true;
        case EVEN -> n % 2 == 0;
        case ODD -> n % 2 != 0;
        case NOT_MOD3 -> n % 3 != 0;
      };
    }
  }

  sealed interface Op permits Subscribe, Unsubscribe, Publish, Reconfigure {}

  record Subscribe(
      Target target,
      int handlerPriority,
      @Nullable Integer optionPriority,
      Filter filter,
      boolean ownRetry)
      implements Op {}

  record Unsubscribe(int pick) implements Op {}

  record Publish(boolean isA, int n, boolean flaky) implements Op {}

  record Reconfigure(boolean retryTwice) implements Op {}

  private static List<Op> generate(Random random) {
    List<Op> ops = new ArrayList<>();
    int[] priorities = {50, 100, 150};
    for (int i = 0; i < OPS; i++) {
      int roll = random.nextInt(100);
      if (roll < 25) {
        ops.add(
            new Subscribe(
                Target.values()[random.nextInt(Target.values().length)],
                priorities[random.nextInt(priorities.length)],
                random.nextBoolean() ? null : priorities[random.nextInt(priorities.length)] + 25,
                Filter.values()[random.nextInt(Filter.values().length)],
                random.nextInt(4) == 0));
      } else if (roll < 35) {
        ops.add(new Unsubscribe(random.nextInt(1000)));
      } else if (roll < 92) {
        ops.add(new Publish(random.nextBoolean(), random.nextInt(10), random.nextInt(4) == 0));
      } else {
        ops.add(new Reconfigure(random.nextBoolean()));
      }
    }
    return ops;
  }

  /** One subscription in the model, and its real counterpart. */
  private static final class ModelSub {
    final int key;
    final Subscribe spec;
    @Nullable Subscription real;

    ModelSub(int key, Subscribe spec) {
      this.key = key;
      this.spec = spec;
    }

    int priority() {
      return spec.optionPriority() != null ? spec.optionPriority() : spec.handlerPriority();
    }
  }

  /** What the model expects of one publish. */
  record Expected(List<Integer> calls, int subscribers, int delivered, int failed, int filtered) {}

  /** The reference model: the documented matching, order, filtering and retry rules. */
  private static final class Model {
    final List<ModelSub> active = new ArrayList<>();
    boolean defaultRetryTwice;

    Expected publish(Object event, int n, boolean flaky) {
      List<ModelSub> matched = new ArrayList<>();
      for (ModelSub sub : active) {
        if (sub.spec.target().matches(event)) {
          matched.add(sub);
        }
      }
      // Higher priority first; equal priorities in subscription order (a stable sort).
      matched.sort(Comparator.comparingInt(ModelSub::priority).reversed());
      List<Integer> calls = new ArrayList<>();
      int delivered = 0;
      int failed = 0;
      int filtered = 0;
      for (ModelSub sub : matched) {
        if (!sub.spec.filter().accepts(n)) {
          filtered++;
          continue;
        }
        int attempts = sub.spec.ownRetry() || defaultRetryTwice ? 2 : 1;
        calls.add(sub.key);
        if (flaky && attempts == 1) {
          failed++;
        } else {
          if (flaky) {
            calls.add(sub.key);
          }
          delivered++;
        }
      }
      return new Expected(calls, matched.size(), delivered, failed, filtered);
    }
  }

  /** A handler that logs each call and fails the first attempt of a flaky event. */
  private static final class LoggingHandler implements EventHandler<Object> {
    private final int key;
    private final int priority;
    private final List<int[]> log;
    private final Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();

    LoggingHandler(int key, int priority, List<int[]> log) {
      this.key = key;
      this.priority = priority;
      this.log = log;
    }

    @Override
    public void handle(Object event) {
      int id = event instanceof A a ? a.id() : ((B) event).id();
      boolean flaky = event instanceof A a ? a.flaky() : ((B) event).flaky();
      log.add(new int[] {key, id, event instanceof A ? 0 : 1});
      if (flaky && failedOnce.add(id)) {
        throw new IllegalStateException("first attempt of " + event);
      }
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public String name() {
      return "sub-" + key;
    }
  }

  private static long baseSeed() {
    String fixed = System.getProperty("model.seed");
    return fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
  }

  @Test
  void syncBus_matchesTheModel_callForCall() {
    long base = baseSeed();
    for (int sequence = 0; sequence < SYNC_SEQUENCES; sequence++) {
      long seed = base + sequence;
      List<Op> ops = generate(new Random(seed));
      try {
        runSync(ops);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError(describe(seed, ops), failure);
      }
    }
  }

  @Test
  void asyncBus_matchesTheModel_afterADrain() {
    long base = baseSeed();
    for (int sequence = 0; sequence < ASYNC_SEQUENCES; sequence++) {
      long seed = base + sequence;
      List<Op> ops = generate(new Random(seed));
      try {
        runAsync(ops);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError(describe(seed, ops), failure);
      }
    }
  }

  private static String describe(long seed, List<Op> ops) {
    StringBuilder text = new StringBuilder("seed " + seed + " (-Dmodel.seed=" + seed + "), ops:");
    for (int i = 0; i < ops.size(); i++) {
      text.append("\n  ").append(i).append(": ").append(ops.get(i));
    }
    return text.toString();
  }

  private static void runSync(List<Op> ops) {
    UnifiedEventBus bus = EventBusFactory.builder().exceptionHandler(failure -> {}).build();
    try {
      Model model = new Model();
      List<int[]> log = new ArrayList<>();
      int nextKey = 0;
      int nextId = 0;
      for (Op op : ops) {
        if (op instanceof Subscribe subscribe) {
          ModelSub sub = new ModelSub(nextKey++, subscribe);
          sub.real = subscribe(bus, sub, ProcessingMode.SYNC, log);
          model.active.add(sub);
        } else if (op instanceof Unsubscribe unsubscribe) {
          unsubscribe(bus, model, unsubscribe);
        } else if (op instanceof Reconfigure reconfigure) {
          reconfigure(bus, model, reconfigure);
        } else if (op instanceof Publish publish) {
          int id = nextId++;
          Object event = event(publish, id);
          Expected expected = model.publish(event, publish.n(), publish.flaky());
          log.clear();
          PublishResult result = bus.publish(event);

          List<Integer> calls = log.stream().map(entry -> entry[0]).toList();
          assertThat(calls).as("handler calls for %s", event).isEqualTo(expected.calls());
          assertThat(result.subscribers())
              .as("subscribers of %s", event)
              .isEqualTo(expected.subscribers());
          assertThat(result.delivered())
              .as("delivered of %s", event)
              .isEqualTo(expected.delivered());
          assertThat(result.failed()).as("failed of %s", event).isEqualTo(expected.failed());
          assertThat(result.filtered()).as("filtered of %s", event).isEqualTo(expected.filtered());
          assertThat(result.pending()).isZero();
        }
      }
      assertThat(bus.stats().subscriptions()).isEqualTo(model.active.size());
    } finally {
      bus.stop(Duration.ofSeconds(5));
    }
  }

  private static void runAsync(List<Op> ops) {
    UnifiedEventBus bus = EventBusFactory.builder().exceptionHandler(failure -> {}).build();
    boolean stopped = false;
    try {
      Model model = new Model();
      List<int[]> log = Collections.synchronizedList(new ArrayList<>());
      // Per (subscription, event type): the expected calls, as event ids, in publish order.
      Map<String, List<Integer>> expectedCalls = new LinkedHashMap<>();
      int delivered = 0;
      int failed = 0;
      int filtered = 0;
      int nextKey = 0;
      int nextId = 0;
      for (Op op : ops) {
        if (op instanceof Subscribe subscribe) {
          ModelSub sub = new ModelSub(nextKey++, subscribe);
          sub.real = subscribe(bus, sub, ProcessingMode.ASYNC, log);
          model.active.add(sub);
        } else if (op instanceof Unsubscribe unsubscribe) {
          // Closing a subscription discards its queued deliveries: drain first, so the model,
          // which has no queue, stays exact.
          drain(bus);
          unsubscribe(bus, model, unsubscribe);
        } else if (op instanceof Reconfigure reconfigure) {
          drain(bus); // a queued delivery reads the retry policy when it fails
          reconfigure(bus, model, reconfigure);
        } else if (op instanceof Publish publish) {
          int id = nextId++;
          Object event = event(publish, id);
          Expected expected = model.publish(event, publish.n(), publish.flaky());
          for (int key : expected.calls()) {
            expectedCalls
                .computeIfAbsent(key + "/" + (publish.isA() ? 0 : 1), k -> new ArrayList<>())
                .add(id);
          }
          delivered += expected.delivered();
          failed += expected.failed();
          filtered += expected.filtered();
          PublishResult result = bus.publish(event);
          assertThat(result.subscribers()).isEqualTo(expected.subscribers());
          assertThat(result.filtered()).isEqualTo(expected.filtered());
        }
      }
      ShutdownReport report = bus.stop(Duration.ofSeconds(10));
      stopped = true;

      assertThat(report.completedInTime()).isTrue();
      Map<String, List<Integer>> actualCalls = new LinkedHashMap<>();
      synchronized (log) {
        for (int[] entry : log) {
          actualCalls
              .computeIfAbsent(entry[0] + "/" + entry[2], k -> new ArrayList<>())
              .add(entry[1]);
        }
      }
      assertThat(actualCalls).isEqualTo(expectedCalls);
      assertThat(bus.stats().delivered()).isEqualTo(delivered);
      assertThat(bus.stats().failed()).isEqualTo(failed);
      assertThat(bus.stats().filtered()).isEqualTo(filtered);
      assertThat(bus.stats().dropped()).isZero();
    } finally {
      if (!stopped) {
        bus.stop(Duration.ofSeconds(5));
      }
    }
  }

  private static void drain(UnifiedEventBus bus) {
    Poll.until(() -> bus.stats().pending() == 0, Duration.ofSeconds(10), () -> "drained");
  }

  private static Object event(Publish publish, int id) {
    return publish.isA()
        ? new A(id, publish.n(), publish.flaky())
        : new B(id, publish.n(), publish.flaky());
  }

  private static Subscription subscribe(
      UnifiedEventBus bus, ModelSub sub, ProcessingMode mode, List<int[]> log) {
    Subscribe spec = sub.spec;
    SubscriptionOptions.Builder options = SubscriptionOptions.builder().mode(mode);
    if (spec.optionPriority() != null) {
      options.priority(spec.optionPriority());
    }
    if (spec.filter() != Filter.NONE) {
      options.filter(
          event -> spec.filter().accepts(event instanceof A a ? a.n() : ((B) event).n()));
    }
    if (spec.ownRetry()) {
      options.retryPolicy(RetryPolicy.fixed(2, Duration.ZERO));
    }
    LoggingHandler handler = new LoggingHandler(sub.key, spec.handlerPriority(), log);
    return switch (spec.target()) {
      case A_CLASS -> bus.subscribe(A.class, handler, options.build());
      case B_CLASS -> bus.subscribe(B.class, handler, options.build());
      case BASE_INTERFACE -> bus.subscribe(Base.class, handler, options.build());
      case OBJECT -> bus.subscribe(Object.class, handler, options.build());
      case STAR -> bus.subscribe("*", handler, options.build());
      case A_TYPE_NAME -> bus.subscribe(A.class.getName(), handler, options.build());
    };
  }

  private static void unsubscribe(UnifiedEventBus bus, Model model, Unsubscribe unsubscribe) {
    if (model.active.isEmpty()) {
      return;
    }
    ModelSub gone = model.active.remove(unsubscribe.pick() % model.active.size());
    Subscription real = java.util.Objects.requireNonNull(gone.real);
    if (unsubscribe.pick() % 2 == 0) {
      real.close();
    } else {
      bus.unsubscribe(real.id());
    }
    assertThat(real.isActive()).isFalse();
  }

  private static void reconfigure(UnifiedEventBus bus, Model model, Reconfigure reconfigure) {
    RetryPolicy policy =
        reconfigure.retryTwice() ? RetryPolicy.fixed(2, Duration.ZERO) : RetryPolicy.none();
    bus.reconfigure(bus.config().toBuilder().defaultRetryPolicy(policy).build());
    model.defaultRetryTwice = reconfigure.retryTwice();
  }

  @Test
  void theModelItself_ordersByPriorityThenSubscriptionOrder() {
    // A check of the reference model, so that a wrong model cannot pass by agreeing with a bus.
    Model model = new Model();
    model.active.add(new ModelSub(0, new Subscribe(Target.OBJECT, 100, null, Filter.NONE, false)));
    model.active.add(new ModelSub(1, new Subscribe(Target.A_CLASS, 50, 175, Filter.NONE, false)));
    model.active.add(new ModelSub(2, new Subscribe(Target.B_CLASS, 150, null, Filter.NONE, false)));
    model.active.add(new ModelSub(3, new Subscribe(Target.STAR, 100, null, Filter.EVEN, false)));
    model.active.add(
        new ModelSub(4, new Subscribe(Target.BASE_INTERFACE, 100, null, Filter.NONE, true)));

    Expected expected = model.publish(new A(0, 1, true), 1, true);

    assertThat(expected.calls()).containsExactly(1, 0, 4, 4);
    assertThat(expected).isEqualTo(new Expected(List.of(1, 0, 4, 4), 4, 1, 2, 1));
    assertThat(new HashSet<>(List.of(Target.values()))).hasSize(6);
  }
}
