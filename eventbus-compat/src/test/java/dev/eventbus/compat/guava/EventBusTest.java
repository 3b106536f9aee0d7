package dev.eventbus.compat.guava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventBusTest {

  /** Records every String it gets. */
  static class StringRecorder {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Subscribe
    public void onString(String event) {
      seen.add(event);
    }
  }

  /** Inherits its subscriber method and adds one. */
  static class DerivedRecorder extends StringRecorder {
    final List<Integer> numbers = new CopyOnWriteArrayList<>();

    @Subscribe
    void onInteger(Integer event) {
      numbers.add(event);
    }
  }

  /** Overrides the annotated method without repeating the annotation. */
  static class OverridingRecorder extends StringRecorder {
    @Override
    public void onString(String event) {
      seen.add("override:" + event);
    }
  }

  static class NoSubscribers {}

  static class TwoParameters {
    @Subscribe
    public void on(String first, String second) {}
  }

  static class NoParameters {
    @Subscribe
    public void on() {}
  }

  static class PrimitiveParameter {
    @Subscribe
    public void on(int value) {}
  }

  static class DeadEventRecorder {
    final List<DeadEvent> dead = new CopyOnWriteArrayList<>();

    @Subscribe
    public void onDead(DeadEvent event) {
      dead.add(event);
    }
  }

  @Test
  void identifierDefaultsAndToString() {
    assertThat(new EventBus().identifier()).isEqualTo("default");
    assertThat(new EventBus((exception, context) -> {}).identifier()).isEqualTo("default");
    EventBus named = new EventBus("orders");
    assertThat(named.identifier()).isEqualTo("orders");
    assertThat(named.toString()).contains("orders");
  }

  @Test
  void registeredSubscriberReceivesPostedEvents() {
    EventBus bus = new EventBus();
    StringRecorder recorder = new StringRecorder();
    bus.register(recorder);

    bus.post("a");
    bus.post("b");
    bus.post(42);

    assertThat(recorder.seen).containsExactly("a", "b");
  }

  @Test
  void inheritedSubscriberMethodsAreRegistered() {
    EventBus bus = new EventBus();
    DerivedRecorder recorder = new DerivedRecorder();
    bus.register(recorder);

    bus.post("text");
    bus.post(7);

    assertThat(recorder.seen).containsExactly("text");
    assertThat(recorder.numbers).containsExactly(7);
  }

  @Test
  void overrideOfAnnotatedMethodIsCalledOnce() {
    EventBus bus = new EventBus();
    OverridingRecorder recorder = new OverridingRecorder();
    bus.register(recorder);

    bus.post("x");

    assertThat(recorder.seen).containsExactly("override:x");
  }

  @Test
  void unregisterStopsDelivery() {
    EventBus bus = new EventBus();
    StringRecorder recorder = new StringRecorder();
    bus.register(recorder);
    bus.post("before");

    bus.unregister(recorder);
    bus.post("after");

    assertThat(recorder.seen).containsExactly("before");
  }

  @Test
  void registeringTwiceDeliversOnceAndOneUnregisterRemovesIt() {
    EventBus bus = new EventBus();
    StringRecorder recorder = new StringRecorder();
    bus.register(recorder);
    bus.register(recorder);

    bus.post("once");
    bus.unregister(recorder);
    bus.post("gone");

    assertThat(recorder.seen).containsExactly("once");
    assertThatThrownBy(() -> bus.unregister(recorder)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unregisteringAnUnknownObjectThrows() {
    EventBus bus = new EventBus();

    assertThatThrownBy(() -> bus.unregister(new StringRecorder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not registered");
  }

  @Test
  void objectsWithoutSubscriberMethodsAreIgnored() {
    EventBus bus = new EventBus();
    NoSubscribers plain = new NoSubscribers();

    assertThatCode(
            () -> {
              bus.register(plain);
              bus.unregister(plain);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void malformedSubscriberMethodsAreRejectedAtRegister() {
    EventBus bus = new EventBus();

    assertThatThrownBy(() -> bus.register(new TwoParameters()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one parameter");
    assertThatThrownBy(() -> bus.register(new NoParameters()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one parameter");
    assertThatThrownBy(() -> bus.register(new PrimitiveParameter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("primitive");
  }

  @Test
  void subscribersOfSupertypesAndInterfacesReceiveSubtypes() {
    EventBus bus = new EventBus();
    List<String> seen = new CopyOnWriteArrayList<>();
    bus.register(
        new Object() {
          @Subscribe
          public void onInteger(Integer event) {
            seen.add("Integer:" + event);
          }

          @Subscribe
          public void onNumber(Number event) {
            seen.add("Number:" + event);
          }

          @Subscribe
          public void onComparable(Comparable<?> event) {
            seen.add("Comparable:" + event);
          }

          @Subscribe
          public void onObject(Object event) {
            seen.add("Object:" + event);
          }
        });

    bus.post(5);
    bus.post(2.5);

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "Integer:5",
            "Number:5",
            "Comparable:5",
            "Object:5",
            "Number:2.5",
            "Comparable:2.5",
            "Object:2.5");
  }

  @Test
  void exceptionsGoToTheHandlerWithContextAndNotToThePoster() throws Exception {
    List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    List<SubscriberExceptionContext> contexts = new CopyOnWriteArrayList<>();
    EventBus bus =
        new EventBus(
            (exception, context) -> {
              exceptions.add(exception);
              contexts.add(context);
            });
    IOException failure = new IOException("boom");
    List<String> others = new CopyOnWriteArrayList<>();
    Object thrower =
        new Object() {
          @Subscribe
          public void fail(String event) throws IOException {
            throw failure;
          }
        };
    bus.register(thrower);
    bus.register(
        new Object() {
          @Subscribe
          public void record(String event) {
            others.add(event);
          }
        });

    assertThatCode(() -> bus.post("event")).doesNotThrowAnyException();

    assertThat(others).containsExactly("event");
    assertThat(exceptions).containsExactly(failure);
    SubscriberExceptionContext context = contexts.get(0);
    assertThat(context.getEventBus()).isSameAs(bus);
    assertThat(context.getEvent()).isEqualTo("event");
    assertThat(context.getSubscriber()).isSameAs(thrower);
    assertThat(context.getSubscriberMethod())
        .isEqualTo(thrower.getClass().getDeclaredMethod("fail", String.class));
  }

  @Test
  void defaultHandlerLogsAndDoesNotThrow() {
    EventBus bus = new EventBus("logging");
    bus.register(
        new Object() {
          @Subscribe
          public void fail(String event) {
            throw new IllegalStateException("expected in this test");
          }
        });

    assertThatCode(() -> bus.post("event")).doesNotThrowAnyException();
  }

  @Test
  void aThrowingExceptionHandlerDoesNotReachThePoster() {
    EventBus bus =
        new EventBus(
            (exception, context) -> {
              throw new IllegalStateException("handler fails too");
            });
    bus.register(
        new Object() {
          @Subscribe
          public void fail(String event) {
            throw new IllegalArgumentException("subscriber fails");
          }
        });

    assertThatCode(() -> bus.post("event")).doesNotThrowAnyException();
  }

  @Test
  void eventsWithoutSubscribersArePostedAsDeadEvents() {
    EventBus bus = new EventBus();
    DeadEventRecorder recorder = new DeadEventRecorder();
    bus.register(recorder);
    bus.register(new StringRecorder());

    bus.post(42);
    bus.post("handled");

    assertThat(recorder.dead).hasSize(1);
    DeadEvent dead = recorder.dead.get(0);
    assertThat(dead.getSource()).isSameAs(bus);
    assertThat(dead.getEvent()).isEqualTo(42);
  }

  @Test
  void deadEventsWithoutSubscribersAreNotWrappedAgain() {
    EventBus bus = new EventBus();
    assertThatCode(() -> bus.post(new DeadEvent(bus, "nobody"))).doesNotThrowAnyException();
    assertThatCode(() -> bus.post("nobody either")).doesNotThrowAnyException();

    // A DeadEvent subscriber sees a dead event once, unwrapped.
    DeadEventRecorder recorder = new DeadEventRecorder();
    bus.register(recorder);
    bus.post(1L);
    assertThat(recorder.dead).extracting(DeadEvent::getEvent).containsExactly(1L);
  }

  @Test
  void eventsPostedFromSubscribersAreDeliveredBreadthFirst() {
    EventBus bus = new EventBus();
    List<String> order = new CopyOnWriteArrayList<>();
    record A() {}
    record B() {}
    record C() {}
    record D() {}
    bus.register(
        new Object() {
          @Subscribe
          public void a1(A event) {
            order.add("A1");
            bus.post(new B());
            bus.post(new C());
            order.add("A1 done");
          }

          @Subscribe
          public void a2(A event) {
            order.add("A2");
          }

          @Subscribe
          public void b(B event) {
            order.add("B");
            bus.post(new D());
          }

          @Subscribe
          public void c(C event) {
            order.add("C");
          }

          @Subscribe
          public void d(D event) {
            order.add("D");
          }
        });

    bus.post(new A());

    assertThat(order).containsExactly("A1", "A1 done", "A2", "B", "C", "D");

    order.clear();
    bus.post(new C());
    assertThat(order).as("the queue is empty again after a post").containsExactly("C");
  }

  @Test
  void deadEventsFromInsideASubscriberAreQueuedToo() {
    EventBus bus = new EventBus();
    List<String> order = new CopyOnWriteArrayList<>();
    bus.register(
        new Object() {
          @Subscribe
          public void first(String event) {
            order.add("first:" + event);
            bus.post(99);
          }

          @Subscribe
          public void second(String event) {
            order.add("second:" + event);
          }

          @Subscribe
          public void dead(DeadEvent event) {
            order.add("dead:" + event.getEvent());
          }
        });

    bus.post("s");

    assertThat(order).containsExactly("first:s", "second:s", "dead:99");
  }
}
