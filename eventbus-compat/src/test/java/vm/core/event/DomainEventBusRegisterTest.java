package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, deliverable 3, on the legacy bus: subscribers moved to the native {@code @Subscribe}
 * (or still on the Guava-compatible one) receive what legacy code publishes, once each.
 */
class DomainEventBusRegisterTest {

  /** One method of each annotation, and one with both. */
  static class MovingListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @dev.eventbus.api.Subscribe
    public void nativeOnly(VmEvent event) {
      seen.add("native " + event.sequence());
    }

    @dev.eventbus.compat.guava.Subscribe
    public void compatOnly(VmEvent event) {
      seen.add("compat " + event.sequence());
    }

    @dev.eventbus.api.Subscribe
    @dev.eventbus.compat.guava.Subscribe
    public void both(VmEvent event) {
      seen.add("both " + event.sequence());
    }
  }

  @Test
  void legacyPublishReachesNativeAndCompatSubscribeMethodsOnceEach() throws VmException {
    DomainEventBus bus = new DomainEventBus();
    MovingListener listener = new MovingListener();

    Subscription subscription = bus.register(listener);
    bus.publish(new VmEvent("order.placed", 1));
    subscription.close();
    bus.publish(new VmEvent("order.placed", 2));

    assertThat(listener.seen).containsExactlyInAnyOrder("native 1", "compat 1", "both 1");
    bus.unifiedBus().close();
  }

  @Test
  void aFailingNativeMethodReachesTheLegacyPublisherAsAVmException() {
    DomainEventBus bus = new DomainEventBus();
    bus.register(
        new Object() {
          @dev.eventbus.api.Subscribe
          public void on(VmEvent event) {
            throw new IllegalStateException("refused " + event.sequence());
          }
        });

    assertThatThrownBy(() -> bus.publish(new VmEvent("order.placed", 7)))
        .isInstanceOf(VmException.class)
        .hasMessageContaining("refused 7");
    bus.unifiedBus().close();
  }

  @Test
  void aNullListenerIsRefusedByName() {
    DomainEventBus bus = new DomainEventBus();
    assertThatThrownBy(() -> bus.register(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
    bus.unifiedBus().close();
  }
}
