package dev.eventbus.compat.guava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class AsyncEventBusTest {

  /** Keeps every task until the test runs them. */
  static final class RecordingExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized int runAll() {
      int ran = 0;
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
        ran++;
      }
      return ran;
    }
  }

  @Test
  void constructorsSetIdentifier() {
    RecordingExecutor executor = new RecordingExecutor();
    assertThat(new AsyncEventBus(executor).identifier()).isEqualTo("default");
    assertThat(new AsyncEventBus("async", executor).identifier()).isEqualTo("async");
    assertThat(new AsyncEventBus(executor, (e, c) -> {}).identifier()).isEqualTo("default");
    assertThat(new AsyncEventBus("async", executor)).isInstanceOf(EventBus.class);
  }

  @Test
  void subscribersRunOnTheExecutor() {
    RecordingExecutor executor = new RecordingExecutor();
    AsyncEventBus bus = new AsyncEventBus("async", executor);
    List<String> seen = new CopyOnWriteArrayList<>();
    bus.register(
        new Object() {
          @Subscribe
          public void one(String event) {
            seen.add("one:" + event);
          }

          @Subscribe
          public void two(CharSequence event) {
            seen.add("two:" + event);
          }
        });

    bus.post("x");

    assertThat(seen).isEmpty();
    assertThat(executor.tasks).hasSize(2);
    assertThat(executor.runAll()).isEqualTo(2);
    assertThat(seen).containsExactlyInAnyOrder("one:x", "two:x");
  }

  @Test
  void exceptionsOnTheExecutorGoToTheHandler() throws Exception {
    RecordingExecutor executor = new RecordingExecutor();
    List<SubscriberExceptionContext> contexts = new CopyOnWriteArrayList<>();
    List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    AsyncEventBus bus =
        new AsyncEventBus(
            executor,
            (exception, context) -> {
              exceptions.add(exception);
              contexts.add(context);
            });
    IllegalStateException failure = new IllegalStateException("async boom");
    Object thrower =
        new Object() {
          @Subscribe
          public void fail(Integer event) {
            throw failure;
          }
        };
    bus.register(thrower);

    bus.post(3);
    assertThatCode(executor::runAll).doesNotThrowAnyException();

    assertThat(exceptions).containsExactly(failure);
    SubscriberExceptionContext context = contexts.get(0);
    assertThat(context.getEventBus()).isSameAs(bus);
    assertThat(context.getEvent()).isEqualTo(3);
    assertThat(context.getSubscriber()).isSameAs(thrower);
    assertThat(context.getSubscriberMethod())
        .isEqualTo(thrower.getClass().getDeclaredMethod("fail", Integer.class));
  }

  @Test
  void deadEventsAreDeliveredThroughTheExecutor() {
    RecordingExecutor executor = new RecordingExecutor();
    AsyncEventBus bus = new AsyncEventBus(executor);
    List<DeadEvent> dead = new CopyOnWriteArrayList<>();
    bus.register(
        new Object() {
          @Subscribe
          public void onDead(DeadEvent event) {
            dead.add(event);
          }
        });

    bus.post(1.5);
    executor.runAll();

    assertThat(dead).singleElement().satisfies(d -> assertThat(d.getEvent()).isEqualTo(1.5));
    assertThat(dead.get(0).getSource()).isSameAs(bus);
  }
}
