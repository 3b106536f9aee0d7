package dev.eventbus.core.internal.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventbus.api.SubscriptionId;
import dev.eventbus.core.internal.metrics.TypeCounters;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The subscriptions of one bus. Readers take no lock: they read the current {@link
 * RegistrySnapshot} with one volatile load and see it whole. Writers build a new snapshot from the
 * current one (structural sharing, O(log n)) and swap it in with a compare-and-set, retrying if
 * another writer won.
 *
 * <p>Which subscribers an event class resolves to is cached per (snapshot, class) in a bounded
 * Caffeine cache; a cached resolution from an older snapshot is recomputed on first use. In front
 * of it, a small table indexed by the class's identity hash holds the resolution last used for each
 * index: a hit is a few loads and two compares, where the cache's lookup measured about a fifth of
 * a synchronous publish. The table is read and written with plain accesses; a resolution's fields
 * are final, so a racing reader sees one whole or an older one, which it checks like any other.
 */
public final class CopyOnWriteSubscriptionRegistry {

  private static final int RECENT = 64; // a power of two

  private final AtomicReference<RegistrySnapshot> current =
      new AtomicReference<>(RegistrySnapshot.EMPTY);
  private final Cache<Class<?>, TypeResolution> resolutions;
  private final @Nullable TypeResolution[] recent = new TypeResolution[RECENT];
  private final Function<String, TypeCounters> counters;
  private final @Nullable Route unrouted;

  /**
   * A registry that counts nothing.
   *
   * @param maxCachedTypes how many event classes' resolutions to keep
   */
  public CopyOnWriteSubscriptionRegistry(int maxCachedTypes) {
    this(maxCachedTypes, null);
  }

  /**
   * @param maxCachedTypes how many event classes' resolutions to keep
   * @param counters the counters of a type name, asked once per resolution made (not per event), or
   *     {@code null} with metrics off: then nothing is counted, and an event published while
   *     nothing is subscribed skips resolution altogether
   */
  public CopyOnWriteSubscriptionRegistry(
      int maxCachedTypes, @Nullable Function<String, TypeCounters> counters) {
    this.resolutions = Caffeine.newBuilder().maximumSize(maxCachedTypes).build();
    this.counters = counters == null ? type -> TypeCounters.DISABLED : counters;
    this.unrouted = counters == null ? new Route(TypeResolution.NONE, TypeCounters.DISABLED) : null;
  }

  /** The current snapshot. */
  public RegistrySnapshot snapshot() {
    return current.get();
  }

  /**
   * Files {@code subscriber} under {@code key}: a {@code Class} for class-typed subscriptions, a
   * type name (or {@code "*"}) for string-typed ones.
   */
  public void add(Object key, RegisteredSubscriber subscriber) {
    RegistrySnapshot.Registration registration = new RegistrySnapshot.Registration(key, subscriber);
    RegistrySnapshot before;
    do {
      before = current.get();
    } while (!current.compareAndSet(before, before.plus(registration)));
  }

  /**
   * Removes a subscriber.
   *
   * @return the removed subscriber, or {@code null} if none had that id
   */
  public @Nullable RegisteredSubscriber remove(SubscriptionId id) {
    while (true) {
      RegistrySnapshot before = current.get();
      RegistrySnapshot after = before.minus(id);
      if (after == null) {
        return null;
      }
      if (current.compareAndSet(before, after)) {
        return before.find(id);
      }
    }
  }

  /** The active and just-removed subscribers for {@code event}, in delivery order. */
  public RegisteredSubscriber[] subscribersFor(Object event) {
    return routeFor(event).subscribers();
  }

  /**
   * The active and just-removed subscribers for {@code event}, in delivery order, with the counters
   * of its type. Allocates nothing once the event's class is resolved in the current snapshot.
   */
  public Route routeFor(Object event) {
    RegistrySnapshot snapshot = current.get();
    Route unrouted = this.unrouted;
    if (unrouted != null && snapshot.size() == 0) {
      return unrouted;
    }
    Class<?> type = event.getClass();
    int index = System.identityHashCode(type) & (RECENT - 1);
    TypeResolution resolution = recent[index];
    if (resolution == null || !resolution.resolves(type, snapshot)) {
      resolution = resolutions.getIfPresent(type);
      if (resolution == null || !resolution.resolves(type, snapshot)) {
        resolution = new TypeResolution(snapshot, type, counters);
        resolutions.put(type, resolution);
      }
      recent[index] = resolution;
    }
    return resolution.routeFor(event);
  }
}
