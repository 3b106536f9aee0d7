package dev.eventbus.examples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.lang.reflect.InaccessibleObjectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the module path (where this module's tests run), the bus calls a listener's non-public methods
 * only if the listener's package is open to {@code dev.eventbus.core}; otherwise {@code register}
 * fails and names the line to add to {@code module-info.java}.
 */
class ListenerAccessTest {

  private final UnifiedEventBus bus = EventBusFactory.createDefault();

  @AfterEach
  void closeBus() {
    bus.close();
  }

  @Test
  void theTestsRunOnTheModulePath() {
    assertThat(ListenerAccessTest.class.getModule().getName()).isEqualTo("dev.eventbus.examples");
    assertThat(UnifiedEventBus.class.getModule().getName()).isEqualTo("dev.eventbus.api");
  }

  @Test
  void aListenerInAPackageOpenToTheEngine_isCalled() {
    var listener = new dev.eventbus.examples.modules.opened.Listener();
    bus.register(listener);

    bus.publish("hello");

    assertThat(listener.received()).containsExactly("hello");
  }

  @Test
  void aListenerInAPackageNotOpen_isRefusedNamingTheOpensToAdd() {
    var listener = new dev.eventbus.examples.modules.closed.Listener();

    assertThatThrownBy(() -> bus.register(listener))
        .isInstanceOf(InaccessibleObjectException.class)
        .hasMessageContaining("Listener#on(String) is not accessible to module dev.eventbus.core")
        .hasMessageContaining(
            "add 'opens dev.eventbus.examples.modules.closed to dev.eventbus.core;' to the"
                + " module-info.java of dev.eventbus.examples");
    assertThat(bus.stats().subscriptions()).isZero();
  }
}
