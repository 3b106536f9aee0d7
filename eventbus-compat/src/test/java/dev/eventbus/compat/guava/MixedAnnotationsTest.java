package dev.eventbus.compat.guava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.PublishResult;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, deliverable 3: a code base halfway through its migration still delivers every event. A
 * Guava-compatible bus delivers to methods that already carry the native {@code @Subscribe}, a
 * native bus to methods that still carry the compat one, and a method with both is called once.
 */
class MixedAnnotationsTest {

  private final UnifiedEventBus nativeBus = EventBusFactory.createDefault();

  @AfterEach
  void close() {
    nativeBus.close();
  }

  /** Moved to the native annotation already. */
  static class NativeListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @dev.eventbus.api.Subscribe
    public void on(String event) {
      seen.add("native " + event);
    }
  }

  /** Still on the compat annotation. */
  static class CompatListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Subscribe
    public void on(String event) {
      seen.add("compat " + event);
    }
  }

  /** Annotated both ways while it moves. */
  static class BothListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Subscribe
    @dev.eventbus.api.Subscribe
    public void on(String event) {
      seen.add("both " + event);
    }
  }

  /** One method of each. */
  static class HalfListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Subscribe
    public void onText(String event) {
      seen.add("compat " + event);
    }

    @dev.eventbus.api.Subscribe
    public void onNumber(Integer event) {
      seen.add("native " + event);
    }
  }

  @Test
  void aCompatBusDeliversToNativeSubscribeMethods() {
    EventBus bus = new EventBus("compat");
    NativeListener listener = new NativeListener();

    bus.register(listener);
    bus.post("order 1");

    assertThat(listener.seen).containsExactly("native order 1");
  }

  @Test
  void aNativeBusDeliversToCompatSubscribeMethods() {
    CompatListener listener = new CompatListener();

    nativeBus.register(listener);
    PublishResult result = nativeBus.publish("order 1");

    assertThat(listener.seen).containsExactly("compat order 1");
    assertThat(result.delivered()).isEqualTo(1);
  }

  @Test
  void aMethodWithBothAnnotationsIsDeliveredOnceOnEitherBus() {
    EventBus compat = new EventBus("compat");
    BothListener onCompat = new BothListener();
    BothListener onNative = new BothListener();

    compat.register(onCompat);
    nativeBus.register(onNative);
    compat.post("a");
    nativeBus.publish("b");

    assertThat(onCompat.seen).containsExactly("both a");
    assertThat(onNative.seen).containsExactly("both b");
  }

  @Test
  void aListenerHalfMovedGetsEveryEventOnEitherBus() {
    EventBus compat = new EventBus("compat");
    HalfListener onCompat = new HalfListener();
    HalfListener onNative = new HalfListener();

    compat.register(onCompat);
    Subscription subscription = nativeBus.register(onNative);
    compat.post("a");
    compat.post(1);
    nativeBus.publish("b");
    nativeBus.publish(2);

    assertThat(onCompat.seen).containsExactly("compat a", "native 1");
    assertThat(onNative.seen).containsExactly("compat b", "native 2");

    subscription.close();
    nativeBus.publish("c");
    nativeBus.publish(3);
    assertThat(onNative.seen).hasSize(2);
  }

  @Test
  void unregisterOnACompatBusRemovesTheNativeMethodsToo() {
    EventBus bus = new EventBus("compat");
    NativeListener listener = new NativeListener();
    bus.register(listener);

    bus.unregister(listener);
    bus.post("late");

    assertThat(listener.seen).isEmpty();
    assertThatThrownBy(() -> bus.unregister(listener))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not registered");
  }

  @Test
  void whatANativeMethodThrowsOnACompatBusGoesToItsExceptionHandler() {
    List<Throwable> handled = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus((exception, context) -> handled.add(exception));
    bus.register(
        new Object() {
          @dev.eventbus.api.Subscribe
          public void on(String event) {
            throw new IllegalStateException("refused " + event);
          }
        });

    bus.post("x");

    assertThat(handled).singleElement().satisfies(e -> assertThat(e).hasMessage("refused x"));
  }

  @Test
  void aNativeBusStillRefusesAListenerWithNeitherAnnotation() {
    assertThatThrownBy(() -> nativeBus.register(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no @dev.eventbus.api.Subscribe method")
        .hasMessageContaining("Guava-compatible @Subscribe");
  }
}
