package dev.eventbus.processors.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventHandler;
import dev.eventbus.durable.IdempotentHandler;
import dev.eventbus.durable.InMemoryProcessedEventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotentHandlerTest {

  record Payment(String paymentId, int amount) {}

  private final InMemoryProcessedEventLog log = InMemoryProcessedEventLog.withCapacity(1_000);
  private final List<Payment> captured = new ArrayList<>();

  @Test
  void aRepeatedEventIsSkippedAndCounted() throws Exception {
    IdempotentHandler<Payment> handler =
        IdempotentHandler.of("payments", Payment::paymentId, log, captured::add);

    handler.handle(new Payment("p-1", 10));
    handler.handle(new Payment("p-2", 20));
    handler.handle(new Payment("p-1", 10));

    assertThat(captured).extracting(Payment::paymentId).containsExactly("p-1", "p-2");
    assertThat(handler.skipped()).isEqualTo(1);
    assertThat(log.isProcessed("payments", "p-1")).isTrue();
    assertThat(log.isProcessed("refunds", "p-1")).isFalse();
  }

  @Test
  void anEventWhoseHandlerThrewIsNotProcessedAndRunsAgain() throws Exception {
    int[] attempts = {0};
    EventHandler<Payment> flaky =
        payment -> {
          if (attempts[0]++ == 0) {
            throw new IllegalStateException("gateway timeout");
          }
          captured.add(payment);
        };
    IdempotentHandler<Payment> handler =
        IdempotentHandler.of("payments", Payment::paymentId, log, flaky);

    assertThatThrownBy(() -> handler.handle(new Payment("p-1", 10))).hasMessage("gateway timeout");
    handler.handle(new Payment("p-1", 10));

    assertThat(captured).hasSize(1);
    assertThat(handler.skipped()).isZero();
  }

  @Test
  void aNullIdIsRefusedAndTheWrapperKeepsTheDelegatesNameAndPriority() {
    EventHandler<Payment> delegate =
        new EventHandler<>() {
          @Override
          public void handle(Payment event) {}

          @Override
          public int priority() {
            return 7;
          }

          @Override
          public String name() {
            return "capture";
          }
        };
    IdempotentHandler<Payment> handler = IdempotentHandler.of("payments", p -> null, log, delegate);

    assertThatThrownBy(() -> handler.handle(new Payment("p-1", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is null; cannot tell a repeat");
    assertThat(handler.name()).isEqualTo("capture");
    assertThat(handler.priority()).isEqualTo(7);
    assertThatThrownBy(() -> InMemoryProcessedEventLog.withCapacity(0))
        .hasMessage("capacity must be at least 1: 0");
  }
}
