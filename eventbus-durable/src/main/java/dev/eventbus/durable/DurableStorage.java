package dev.eventbus.durable;

import dev.eventbus.api.spi.DurableEventStore;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.EventUpcaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What makes a bus durable: the store its events and deliveries go to, the codec that turns events
 * into stored trees and back, and the upcasters for old versions. Give it to {@code
 * EventBusCore.Builder#storage}; the tunables (group-commit batch size, completion flush interval,
 * retention of completed deliveries) come from {@link dev.eventbus.api.EventBusConfig#storage()}.
 * The bus does not close the store.
 */
public final class DurableStorage {

  private final DurableEventStore store;
  private final EventCodec codec;
  private final UpcasterChain upcasters;
  private final EventReader reader;

  private DurableStorage(Builder builder) {
    this.store = builder.store;
    this.codec = builder.codec;
    this.upcasters = UpcasterChain.of(builder.upcasters);
    this.reader = new EventReader(store, codec, upcasters);
  }

  /**
   * A builder over a store and a codec.
   *
   * @param store where events, deliveries and dead letters are kept
   * @param codec turns events into the stored tree form and back
   * @return a builder with no upcasters
   */
  public static Builder builder(DurableEventStore store, EventCodec codec) {
    return new Builder(store, codec);
  }

  /** {@return the store events, deliveries and dead letters are kept in} */
  public DurableEventStore store() {
    return store;
  }

  /** {@return the codec events are encoded and decoded with} */
  public EventCodec codec() {
    return codec;
  }

  /** {@return the upcasters, chained} */
  public UpcasterChain upcasters() {
    return upcasters;
  }

  /** {@return the reader every read path uses: upcast, decode, quarantine what cannot be read} */
  public EventReader reader() {
    return reader;
  }

  /** {@return a new replayer over this storage, for rebuilding projections} */
  public EventReplayer replayer() {
    return new EventReplayer(store, reader);
  }

  /** Builds a {@link DurableStorage}. Not thread-safe. */
  public static final class Builder {
    private final DurableEventStore store;
    private final EventCodec codec;
    private final List<EventUpcaster> upcasters = new ArrayList<>();

    private Builder(DurableEventStore store, EventCodec codec) {
      this.store = Objects.requireNonNull(store, "store");
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Adds an upcaster.
     *
     * @param upcaster turns one type's data from one version into the next
     * @return this builder
     * @throws NullPointerException if {@code upcaster} is null
     */
    public Builder upcaster(EventUpcaster upcaster) {
      upcasters.add(Objects.requireNonNull(upcaster, "upcaster"));
      return this;
    }

    /**
     * Adds upcasters.
     *
     * @param more upcasters to add, in any order
     * @return this builder
     * @throws NullPointerException if {@code more} or an element of it is null
     */
    public Builder upcasters(List<? extends EventUpcaster> more) {
      more.forEach(this::upcaster);
      return this;
    }

    /**
     * Builds the storage.
     *
     * @return the storage, with the upcasters chained
     * @throws IllegalArgumentException if two upcasters read the same type and version
     */
    public DurableStorage build() {
      return new DurableStorage(this);
    }
  }
}
