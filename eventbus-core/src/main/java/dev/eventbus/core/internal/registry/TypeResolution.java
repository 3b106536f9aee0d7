package dev.eventbus.core.internal.registry;

import com.google.common.reflect.TypeToken;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.core.internal.metrics.TypeCounters;
import dev.eventbus.core.spi.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The subscribers that events of one class reach in one snapshot: those of the class, its
 * superclasses and interfaces, those of the event's type name, and the wildcard ones, merged in
 * delivery order. A plain object's type name is its class name, so its resolution is one array; a
 * {@link DomainEvent} class may carry many type names, each resolved once and kept (up to a bound).
 * Each resolution also holds the counters of its type name, looked up once when it is made.
 */
final class TypeResolution {

  static final Subscriber[] NONE = new Subscriber[0];
  static final String WILDCARD = "*";
  private static final int MAX_NAMES_PER_CLASS = 256;

  private final RegistrySnapshot snapshot;
  private final List<Subscriber> byHierarchy;
  private final Function<String, TypeCounters> counters;
  private final @Nullable Route plain;
  private final @Nullable ConcurrentMap<String, Route> byTypeName;

  TypeResolution(
      RegistrySnapshot snapshot, Class<?> type, Function<String, TypeCounters> counters) {
    this.snapshot = snapshot;
    this.counters = counters;
    this.byHierarchy = new ArrayList<>();
    for (Class<?> supertype : TypeToken.of(type).getTypes().rawTypes()) {
      snapshot.collectClass(supertype, byHierarchy);
    }
    if (DomainEvent.class.isAssignableFrom(type)) {
      this.plain = null;
      this.byTypeName = new ConcurrentHashMap<>();
    } else {
      this.plain = merge(type.getName());
      this.byTypeName = null;
    }
  }

  RegistrySnapshot snapshot() {
    return snapshot;
  }

  Route routeFor(Object event) {
    Route resolved = plain;
    if (resolved != null) {
      return resolved;
    }
    ConcurrentMap<String, Route> names = byTypeName;
    String name = ((DomainEvent) event).eventType();
    resolved = names.get(name);
    if (resolved == null) {
      resolved = merge(name);
      if (names.size() < MAX_NAMES_PER_CLASS) {
        names.putIfAbsent(name, resolved);
      }
    }
    return resolved;
  }

  private Route merge(String typeName) {
    return new Route(subscribers(typeName), counters.apply(typeName));
  }

  private Subscriber[] subscribers(String typeName) {
    List<Subscriber> all = new ArrayList<>(byHierarchy);
    snapshot.collectName(typeName, all);
    if (!WILDCARD.equals(typeName)) {
      snapshot.collectName(WILDCARD, all);
    }
    if (all.isEmpty()) {
      return NONE;
    }
    all.sort(Subscriber.DELIVERY_ORDER);
    return all.toArray(NONE);
  }
}
