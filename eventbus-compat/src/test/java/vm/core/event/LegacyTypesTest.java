package vm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The defaults and value semantics of the legacy types. */
class LegacyTypesTest {

  @Test
  void domainEvent_defaultsToVersion1_andAnUnrecordedTimestamp() {
    DomainEvent event = () -> "vm.instance.started";

    assertThat(event.version()).isEqualTo(1);
    assertThat(event.timestampMillis()).isZero();
  }

  @Test
  void domainEvent_isAUnifiedDomainEvent_carryingItsTypeName() {
    DomainEvent event = () -> "vm.instance.started";

    assertThat(dev.eventbus.api.DomainEvent.typeNameOf(event)).isEqualTo("vm.instance.started");
    assertThat(dev.eventbus.api.DomainEvent.versionOf(event)).isEqualTo(1);
  }

  @Test
  void domainEvent_thatRecordsItsTime_reportsIt() {
    DomainEvent event =
        new DomainEvent() {
          @Override
          public String eventType() {
            return "vm.instance.started";
          }

          @Override
          public long timestampMillis() {
            return 1_700_000_000_000L;
          }
        };

    assertThat(event.timestampMillis()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void eventHandler_defaultsToPriority100() {
    EventHandler handler =
        new EventHandler() {
          @Override
          public void handle(DomainEvent event) {}

          @Override
          public String name() {
            return "h";
          }
        };

    assertThat(handler.priority()).isEqualTo(100);
  }

  @Test
  void subscriptionIds_areEqualByValue() {
    EventSubscriptionId id = new EventSubscriptionId(7);

    assertThat(id.value()).isEqualTo(7);
    assertThat(id)
        .isEqualTo(new EventSubscriptionId(7))
        .hasSameHashCodeAs(new EventSubscriptionId(7));
    assertThat(id).isNotEqualTo(new EventSubscriptionId(8));
    assertThat(id.toString()).contains("7");
  }

  @Test
  void subscriptionId_belowOne_isRejected() {
    assertThatThrownBy(() -> new EventSubscriptionId(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  @Test
  void vmException_keepsMessageAndCause() {
    IllegalStateException cause = new IllegalStateException("cause");

    assertThat(new VmException("message")).hasMessage("message").hasNoCause();
    assertThat(new VmException("message", cause)).hasMessage("message").hasCause(cause);
    assertThat(new VmException(cause).getCause()).isSameAs(cause);
  }
}
