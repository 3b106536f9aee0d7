package dev.eventbus.core.internal.registry;

import com.google.common.reflect.TypeToken;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.core.internal.metrics.TypeCounters;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
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
 * {@link DomainEvent} class may carry many type names: each name someone subscribed to is resolved
 * once and kept, and so are up to {@value #MAX_NAMES_PER_CLASS} others. Each resolution also holds
 * the counters of its type name, looked up once when it is made.
 */
final class TypeResolution {

  static final RegisteredSubscriber[] NONE = new RegisteredSubscriber[0];
  static final String WILDCARD = "*";
  private static final int MAX_NAMES_PER_CLASS = 256;

  private final RegistrySnapshot snapshot;
  private final Class<?> type;
  private final List<RegisteredSubscriber> byHierarchy;
  private final Function<String, TypeCounters> counters;
  private final @Nullable Route plain;
  private final @Nullable ConcurrentMap<String, Route> byTypeName;
  // Racy single-check: two threads may each build one; either is correct.
  private @Nullable Route unnamedRoute;

  TypeResolution(
      RegistrySnapshot snapshot, Class<?> type, Function<String, TypeCounters> counters) {
    this.snapshot = snapshot;
    this.type = type;
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

  /** Whether this resolves {@code type} in {@code snapshot}. */
  boolean resolves(Class<?> type, RegistrySnapshot snapshot) {
    return this.type == type && this.snapshot == snapshot;
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
      boolean named = snapshot.hasName(name);
      if (!named && names.size() >= MAX_NAMES_PER_CLASS) {
        return unnamed(name);
      }
      resolved = merge(name);
      names.putIfAbsent(name, resolved);
    }
    return resolved;
  }

  /**
   * The route of a type name nobody subscribed to by name, past the bound of names kept: the same
   * subscribers for every such name (hierarchy and wildcard), so one array serves them all, and
   * with metrics off one route; with metrics on, a route per call carrying that name's counters.
   */
  private Route unnamed(String name) {
    Route shared = unnamedRoute;
    if (shared == null) {
      List<RegisteredSubscriber> all = new ArrayList<>(byHierarchy);
      snapshot.collectName(WILDCARD, all);
      shared = new Route(ordered(all), TypeCounters.DISABLED);
      unnamedRoute = shared;
    }
    TypeCounters typeCounters = counters.apply(name);
    return typeCounters.enabled() ? new Route(shared.subscribers(), typeCounters) : shared;
  }

  private Route merge(String typeName) {
    return new Route(subscribers(typeName), counters.apply(typeName));
  }

  private RegisteredSubscriber[] subscribers(String typeName) {
    List<RegisteredSubscriber> all = new ArrayList<>(byHierarchy);
    snapshot.collectName(typeName, all);
    if (!WILDCARD.equals(typeName)) {
      snapshot.collectName(WILDCARD, all);
    }
    return ordered(all);
  }

  private static RegisteredSubscriber[] ordered(List<RegisteredSubscriber> all) {
    if (all.isEmpty()) {
      return NONE;
    }
    all.sort(RegisteredSubscriber.DELIVERY_ORDER);
    return all.toArray(NONE);
  }
}
