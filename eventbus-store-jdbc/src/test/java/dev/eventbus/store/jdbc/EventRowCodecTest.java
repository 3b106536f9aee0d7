package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.EventStoreException;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.QuarantinedEvent;
import dev.eventbus.api.spi.StoredEvent;
import dev.eventbus.store.jdbc.EventRowCodec.EncodedEvent;
import dev.eventbus.store.jdbc.EventRowCodec.Unreadable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The row codec on its own: what it writes, how a row maps back to an event, and the reasons it
 * gives rows that do not. Rows come from {@code SELECT ?, ...} on an in-memory SQLite database, so
 * no table is involved.
 */
class EventRowCodecTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123456789Z");
  private static final UUID ID = UUID.fromString("0b6f0c1e-4b7a-4d0e-9a51-6d3f2c9e8a10");

  /** One row with the columns of {@link EventRowCodec#COLUMNS}, from its eight parameters. */
  private static final String ROW = "SELECT ?, ?, ?, ?, ?, ?, ?, ?";

  private final EventRowCodec codec = new EventRowCodec(JdbcDialect.SQLITE);

  @RegisterExtension final InMemorySqlite sqlite = new InMemorySqlite();

  private static NewEvent event(Instant timestamp, Map<String, Object> data) {
    return new NewEvent(ID, "OrderPlaced", 2, timestamp, "order-7", Map.of("source", "web"), data);
  }

  /** The events and unreadable rows that decoding one row of the given columns gives. */
  private record Decoded(List<StoredEvent> events, List<Unreadable> unreadable) {}

  private Decoded decode(PreparedStatement select) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      assertThat(rows.next()).isTrue();
      codec.decode(rows, events, unreadable);
    }
    return new Decoded(events, unreadable);
  }

  /** Binds {@code encoded} at {@code position} as the codec does for an insert, and decodes it. */
  private Decoded boundAndReadBack(EncodedEvent encoded, long position) throws SQLException {
    try (PreparedStatement select = sqlite.connection().prepareStatement(ROW)) {
      codec.bind(select, encoded, position);
      return decode(select);
    }
  }

  /** Decodes a row of the given column values, in the order of {@link EventRowCodec#COLUMNS}. */
  private Decoded decodeRow(
      long position,
      @Nullable String id,
      @Nullable String type,
      int version,
      long micros,
      @Nullable String headers,
      @Nullable String data)
      throws SQLException {
    try (PreparedStatement select = sqlite.connection().prepareStatement(ROW)) {
      select.setLong(1, position);
      select.setString(2, id);
      select.setString(3, type);
      select.setInt(4, version);
      select.setLong(5, micros);
      select.setString(6, null);
      select.setString(7, headers);
      select.setString(8, data);
      return decode(select);
    }
  }

  private String reasonFor(
      @Nullable String id, @Nullable String type, int version, String headers, String data)
      throws SQLException {
    Decoded decoded = decodeRow(7, id, type, version, 0, headers, data);
    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.unreadable()).singleElement().extracting(Unreadable::position).isEqualTo(7L);
    return decoded.unreadable().get(0).reason();
  }

  @Test
  void anEncodedEventBoundAndReadBackIsTheEventToTheMicrosecond() throws SQLException {
    NewEvent event = event(T0, Map.of("total", 12, "lines", List.of("a", "b")));
    EncodedEvent encoded = codec.encode(event);

    assertThat(encoded.micros()).isEqualTo(Times.toMicros(T0));
    assertThat(encoded.headers()).isEqualTo("{\"source\":\"web\"}");
    Decoded decoded = boundAndReadBack(encoded, 41);

    assertThat(decoded.unreadable()).isEmpty();
    assertThat(decoded.events())
        .containsExactly(
            new StoredEvent(
                41,
                ID,
                "OrderPlaced",
                2,
                Instant.parse("2026-11-25T10:15:30.123456Z"),
                "order-7",
                Map.of("source", "web"),
                Map.of("total", 12, "lines", List.of("a", "b"))));
  }

  @Test
  void timestampsBeforeTheEpochRoundTripToo() throws SQLException {
    EncodedEvent encoded =
        codec.encode(event(Instant.parse("1969-12-31T23:59:59.9999995Z"), Map.of()));

    assertThat(boundAndReadBack(encoded, 1).events())
        .singleElement()
        .extracting(StoredEvent::timestamp)
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
  }

  @Test
  void aTimestampBeyondEpochMicrosecondsIsRefusedNamingTheEvent() {
    assertThatThrownBy(() -> codec.encode(event(Instant.MAX, Map.of())))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("event " + ID + " has a timestamp out of range")
        .hasCauseInstanceOf(ArithmeticException.class);
  }

  @Test
  void dataThatCannotBeWrittenAsJsonIsRefusedNamingTheEvent() {
    assertThatThrownBy(() -> codec.encode(event(T0, Map.of("thing", new Object()))))
        .isInstanceOf(EventStoreException.class)
        .hasMessageStartingWith(
            "append failed: data of event " + ID + " (OrderPlaced) cannot be written as JSON: ");
  }

  @Test
  void headersThatDoNotParseAreNamedInTheReason() throws SQLException {
    assertThat(reasonFor(ID.toString(), "t", 1, "not json", "{}"))
        .startsWith("position 7: headers does not parse as JSON: ");
  }

  @Test
  void dataThatIsNotAJsonObjectIsNamedInTheReason() throws SQLException {
    assertThat(reasonFor(ID.toString(), "t", 1, "{}", "[1, 2]"))
        .startsWith("position 7: data does not parse as JSON: ");
    assertThat(reasonFor(ID.toString(), "t", 1, "{}", "null"))
        .startsWith("position 7: data does not parse as JSON: ");
    assertThat(reasonFor(ID.toString(), "t", 1, "{}", "{} {}"))
        .startsWith("position 7: data does not parse as JSON: ");
  }

  @Test
  void aRowThatIsNotAValidEventSaysWhy() throws SQLException {
    assertThat(reasonFor("not-a-uuid", "t", 1, "{}", "{}"))
        .startsWith("position 7: record is not a valid event: ")
        .contains("not-a-uuid");
    assertThat(reasonFor(ID.toString(), null, 1, "{}", "{}"))
        .isEqualTo("position 7: record is not a valid event: eventType");
    assertThat(reasonFor(ID.toString(), "t", 0, "{}", "{}"))
        .isEqualTo("position 7: record is not a valid event: version must be >= 1 but was 0");
  }

  @Test
  void aQuarantinedRowReadsMissingTypeAndDataAsEmpty() throws SQLException {
    try (PreparedStatement select =
            sqlite
                .connection()
                .prepareStatement(
                    "SELECT 4, NULL, 3, 'unknown type', 1000001, NULL"
                        + " UNION ALL SELECT 5, 'b', 1, 'bad data', -1, '{\"n\": 1,'");
        ResultSet rows = select.executeQuery()) {
      List<QuarantinedEvent> quarantined = new ArrayList<>();
      while (rows.next()) {
        quarantined.add(codec.quarantinedEvent(rows));
      }

      assertThat(quarantined)
          .containsExactly(
              new QuarantinedEvent(
                  4, "", 3, "unknown type", Instant.parse("1970-01-01T00:00:01.000001Z"), ""),
              new QuarantinedEvent(
                  5,
                  "b",
                  1,
                  "bad data",
                  Instant.parse("1969-12-31T23:59:59.999999Z"),
                  "{\"n\": 1,"));
    }
  }
}
