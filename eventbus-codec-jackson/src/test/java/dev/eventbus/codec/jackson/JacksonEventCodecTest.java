package dev.eventbus.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.spi.EventCodec.EncodedEvent;
import dev.eventbus.api.spi.UnreadableEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonEventCodecTest {

  enum Channel {
    WEB,
    PHONE
  }

  record Line(String sku, int quantity) {}

  record OrderPlaced(
      String orderId, Instant at, Channel channel, List<Line> lines, BigDecimal total, long big)
      implements DomainEvent {
    @Override
    public String eventType() {
      return "order.placed";
    }

    @Override
    public int version() {
      return 2;
    }
  }

  /** Not a DomainEvent: a plain class, as Guava-style code posts them. */
  public static final class Ping {
    public String from = "";
  }

  private final JacksonEventCodec codec =
      JacksonEventCodec.builder()
          .register(OrderPlaced.class, "order.placed", 2)
          .register(Ping.class, "ping", 1)
          .build();

  private static final OrderPlaced ORDER =
      new OrderPlaced(
          "o-1",
          Instant.parse("2026-11-25T10:15:30.123456Z"),
          Channel.PHONE,
          List.of(new Line("A-1", 2), new Line("B-\u20ac", 1)),
          new BigDecimal("12.50"),
          3_000_000_000L);

  @Test
  void anEventBecomesATreeWithItsTypeAndVersionAndComesBackEqual() {
    EncodedEvent encoded = codec.encode(ORDER);

    assertThat(encoded.eventType()).isEqualTo("order.placed");
    assertThat(encoded.version()).isEqualTo(2);
    assertThat(encoded.data())
        .containsEntry("orderId", "o-1")
        .containsEntry("at", "2026-11-25T10:15:30.123456Z")
        .containsEntry("channel", "PHONE")
        .containsEntry("big", 3_000_000_000L)
        .containsEntry(
            "lines",
            List.of(Map.of("sku", "A-1", "quantity", 2), Map.of("sku", "B-\u20ac", "quantity", 1)));
    assertThat(codec.decode("order.placed", 2, encoded.data())).isEqualTo(ORDER);
  }

  @Test
  void plainClassesWorkToo() {
    Ping ping = new Ping();
    ping.from = "svc";

    EncodedEvent encoded = codec.encode(ping);

    assertThat(encoded.data()).isEqualTo(Map.of("from", "svc"));
    assertThat(((Ping) codec.decode("ping", 1, encoded.data())).from).isEqualTo("svc");
  }

  @Test
  void currentVersionIsKnownPerTypeName() {
    assertThat(codec.currentVersion("order.placed")).hasValue(2);
    assertThat(codec.currentVersion("nope")).isEmpty();
  }

  @Test
  void unregisteredClassesAndInconsistentEventsAreRefusedWhenEncoding() {
    assertThatThrownBy(() -> codec.encode("text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no type name registered for java.lang.String");
    JacksonEventCodec wrongVersion =
        JacksonEventCodec.builder().register(OrderPlaced.class, "order.placed", 3).build();
    assertThatThrownBy(() -> wrongVersion.encode(ORDER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered at version 3 but says its version is 2");
    JacksonEventCodec wrongName =
        JacksonEventCodec.builder().register(OrderPlaced.class, "order", 2).build();
    assertThatThrownBy(() -> wrongName.encode(ORDER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is registered as order but says its type is order.placed");
  }

  @Test
  void unknownTypesOldVersionsAndMisfitDataAreUnreadableWithTypeAndVersionNamed() {
    assertThatThrownBy(() -> codec.decode("mystery", 4, Map.of()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessage("unknown event type mystery (version 4)");
    assertThatThrownBy(() -> codec.decode("order.placed", 1, Map.of()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessage("version 1 of order.placed is not the current version 2; upcast it first");
    assertThatThrownBy(() -> codec.decode("ping", 1, Map.of("from", "x", "extra", 1)))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageStartingWith("version 1 of ping does not fit " + Ping.class.getName() + ": ")
        .hasMessageContaining("extra");
    assertThatThrownBy(() -> codec.decode("order.placed", 2, Map.of("at", "not a time")))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageStartingWith("version 2 of order.placed does not fit");
  }

  @Test
  void registrationsAreChecked() {
    var builder = JacksonEventCodec.builder().register(Ping.class, "ping", 1);
    assertThatThrownBy(() -> builder.register(Ping.class, "ping2", 1))
        .hasMessageContaining("is registered already");
    assertThatThrownBy(() -> builder.register(OrderPlaced.class, "ping", 1))
        .hasMessage("type ping is registered already, for " + Ping.class.getName());
    assertThatThrownBy(() -> builder.register(OrderPlaced.class, " ", 1))
        .hasMessage("type must not be blank");
    assertThatThrownBy(() -> builder.register(OrderPlaced.class, "o", 0))
        .hasMessage("version must be >= 1 but was 0");
  }
}
