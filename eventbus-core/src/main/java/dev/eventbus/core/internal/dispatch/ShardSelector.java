package dev.eventbus.core.internal.dispatch;

import dev.eventbus.api.DomainEvent;

/**
 * Maps an event to one of {@code shards} shards by its ordering key (the partition key, or else the
 * type name), so that all events with one key land on one shard and keep their order there.
 * Allocation-free.
 */
public final class ShardSelector {

  private final int shards;

  /**
   * @throws IllegalArgumentException if {@code shards < 1}
   */
  public ShardSelector(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1 but was " + shards);
    }
    this.shards = shards;
  }

  public int shards() {
    return shards;
  }

  /** The shard of {@code event}, in {@code [0, shards)}. */
  public int shardOf(Object event) {
    if (shards == 1) {
      return 0; // every key's shard: spares a key lookup and a hash per publish
    }
    String key = DomainEvent.partitionKeyOf(event);
    return shardOfKey(key != null ? key : DomainEvent.typeNameOf(event));
  }

  /** The shard of an ordering key, in {@code [0, shards)}. */
  public int shardOfKey(String key) {
    // Spread the bits (as HashMap does) so that keys differing in high bits spread too.
    int hash = key.hashCode();
    hash ^= hash >>> 16;
    hash *= 0x9E3779B9;
    hash ^= hash >>> 15;
    return Math.floorMod(hash, shards);
  }
}
