package dev.eventbus.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.DomainEvent;
import org.junit.jupiter.api.Test;

class ShardSelectorTest {

  record Keyed(String key) implements DomainEvent {
    @Override
    public String eventType() {
      return "keyed";
    }

    @Override
    public String partitionKey() {
      return key;
    }
  }

  @Test
  void sameKey_alwaysLandsOnTheSameShard() {
    ShardSelector selector = new ShardSelector(8);

    assertThat(selector.shardOf(new Keyed("order-1")))
        .isEqualTo(selector.shardOf(new Keyed("order-1")))
        .isEqualTo(selector.shardOfKey("order-1"));
  }

  @Test
  void eventsWithoutAKey_goByTypeName() {
    ShardSelector selector = new ShardSelector(8);

    assertThat(selector.shardOf("some text")).isEqualTo(selector.shardOfKey("java.lang.String"));
  }

  @Test
  void shards_areInRange_andSpreadSequentialKeysEvenly() {
    ShardSelector selector = new ShardSelector(7);
    int[] counts = new int[7];

    for (int i = 0; i < 70_000; i++) {
      int shard = selector.shardOfKey("order-" + i);
      assertThat(shard).isBetween(0, 6);
      counts[shard]++;
    }

    for (int count : counts) {
      assertThat(count).isBetween(9_000, 11_000);
    }
  }

  @Test
  void aShardCountBelowOne_isRejected() {
    assertThatThrownBy(() -> new ShardSelector(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shards")
        .hasMessageContaining("0");
  }
}
