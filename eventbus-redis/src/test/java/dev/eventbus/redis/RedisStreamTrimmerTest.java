package dev.eventbus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisStreamTrimmerTest {

  private final Buses open = new Buses();

  @AfterEach
  void closeAll() {
    open.close();
  }

  @Test
  void trimming_keepsEveryEntryAGroupHasPendingOrNotYetRead() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = open.add(new Streams(server));
    String stream = "trim-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ids.add(streams.addOrder(stream, "t-" + i, "a", i));
    }
    RedisStreamTrimmer trimmer = open.add(RedisStreamTrimmer.create(server.uri(), stream));

    RedisStreamTrimmer.Result noGroups = trimmer.trim(stream);
    assertThat(noGroups.deleted()).isZero();
    assertThat(noGroups.keptFrom()).isNull();
    assertThat(streams.commands().xlen(stream)).isEqualTo(10);

    // "slow" read 8 entries and acknowledged the first 5: 6..8 pending, 9..10 undelivered.
    createGroup(streams, stream, "slow");
    List<String> slowRead = read(streams, stream, "slow", 8);
    streams.commands().xack(stream, "slow", slowRead.subList(0, 5).toArray(String[]::new));
    // "fast" read and acknowledged everything.
    createGroup(streams, stream, "fast");
    streams
        .commands()
        .xack(stream, "fast", read(streams, stream, "fast", 10).toArray(String[]::new));

    RedisStreamTrimmer.Result first = trimmer.trim(stream);
    assertThat(first.deleted()).isEqualTo(5);
    assertThat(first.keptFrom()).isEqualTo(ids.get(5));
    assertThat(entryIds(streams, stream)).isEqualTo(ids.subList(5, 10));

    // Nothing pending any more, but 9 and 10 are still unread by "slow".
    streams.commands().xack(stream, "slow", slowRead.subList(5, 8).toArray(String[]::new));
    RedisStreamTrimmer.Result second = trimmer.trim(stream);
    assertThat(second.deleted()).isEqualTo(2);
    assertThat(second.keptFrom()).isEqualTo(ids.get(7));
    assertThat(entryIds(streams, stream)).isEqualTo(ids.subList(7, 10));
    List<String> rest = read(streams, stream, "slow", 10);
    assertThat(rest).isEqualTo(ids.subList(8, 10));

    // A group created at the start that never read anything holds everything.
    createGroup(streams, stream, "new");
    assertThat(trimmer.trim(stream).deleted()).isZero();
    assertThat(entryIds(streams, stream)).isEqualTo(ids.subList(7, 10));
    assertThat(trimmer.deleted()).isEqualTo(7);
  }

  @Test
  void aStartedTrimmer_trimsOnItsSchedule_andTheInboundLosesNothing() throws Exception {
    TestRedis server = TestRedis.shared();
    Streams streams = open.add(new Streams(server));
    String stream = "trim-schedule-" + UUID.randomUUID();
    for (int i = 1; i <= 6; i++) {
      streams.addOrder(stream, "s-" + i, "a", i);
    }
    createGroup(streams, stream, "g");
    List<String> read = read(streams, stream, "g", 6);
    streams.commands().xack(stream, "g", read.subList(0, 4).toArray(String[]::new));
    RedisStreamTrimmer trimmer =
        open.add(RedisStreamTrimmer.create(server.uri(), stream).start(Duration.ofMillis(100)));

    await().atMost(Duration.ofSeconds(10)).until(() -> trimmer.deleted() == 4);
    assertThat(entryIds(streams, stream)).isEqualTo(read.subList(4, 6));
    assertThat(streams.pending(stream, "g")).isEqualTo(2);
  }

  @Test
  void badConfiguration_isRefusedByName() {
    assertThatThrownBy(() -> RedisStreamTrimmer.create("redis://127.0.0.1:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Redis stream trimmer has no stream: name one");
    assertThatThrownBy(() -> RedisStreamTrimmer.create("redis://127.0.0.1:1", "a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream must not be blank");
    try (RedisStreamTrimmer trimmer = RedisStreamTrimmer.create("redis://127.0.0.1:1", "a")) {
      assertThatThrownBy(() -> trimmer.start(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("interval must be > 0 but was PT0S");
    }
  }

  private static void createGroup(Streams streams, String stream, String group) {
    streams.createGroup(stream, group);
  }

  private static List<String> read(Streams streams, String stream, String group, int count) {
    return streams.readGroup(stream, group, "reader", count).stream()
        .map(StreamMessage::getId)
        .toList();
  }

  private static List<String> entryIds(Streams streams, String stream) {
    return streams.all(stream).stream().map(StreamMessage::getId).toList();
  }
}
