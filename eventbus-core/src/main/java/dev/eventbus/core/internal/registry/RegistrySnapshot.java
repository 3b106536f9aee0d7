package dev.eventbus.core.internal.registry;

import dev.eventbus.api.SubscriptionId;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeSet;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of the registry. Built on persistent collections: each change makes a new
 * snapshot that shares all untouched structure with the old one, in O(log n).
 */
public final class RegistrySnapshot {

  static final RegistrySnapshot EMPTY =
      new RegistrySnapshot(0, HashMap.empty(), HashMap.empty(), HashMap.empty());

  private static final TreeSet<RegisteredSubscriber> NO_SUBSCRIBERS =
      TreeSet.empty(RegisteredSubscriber.DELIVERY_ORDER);

  private final long version;
  private final HashMap<Class<?>, TreeSet<RegisteredSubscriber>> byClass;
  private final HashMap<String, TreeSet<RegisteredSubscriber>> byName;
  private final HashMap<SubscriptionId, Registration> byId;

  private RegistrySnapshot(
      long version,
      HashMap<Class<?>, TreeSet<RegisteredSubscriber>> byClass,
      HashMap<String, TreeSet<RegisteredSubscriber>> byName,
      HashMap<SubscriptionId, Registration> byId) {
    this.version = version;
    this.byClass = byClass;
    this.byName = byName;
    this.byId = byId;
  }

  /** Grows by one on every change. */
  public long version() {
    return version;
  }

  /** The number of subscriptions. */
  public int size() {
    return byId.size();
  }

  /** The number of subscriptions to the type name {@code name} (not by class). */
  public int countByName(String name) {
    return byName.get(name).map(TreeSet::size).getOrElse(0);
  }

  /** The subscriber with that id, or {@code null}. */
  public @Nullable RegisteredSubscriber find(SubscriptionId id) {
    return byId.get(id).map(Registration::subscriber).getOrNull();
  }

  RegistrySnapshot plus(Registration registration) {
    RegisteredSubscriber subscriber = registration.subscriber();
    HashMap<SubscriptionId, Registration> ids = byId.put(subscriber.id(), registration);
    if (registration.key() instanceof Class<?> type) {
      return new RegistrySnapshot(
          version + 1, byClass.put(type, bucket(byClass.get(type)).add(subscriber)), byName, ids);
    }
    String name = (String) registration.key();
    return new RegistrySnapshot(
        version + 1, byClass, byName.put(name, bucket(byName.get(name)).add(subscriber)), ids);
  }

  @Nullable RegistrySnapshot minus(SubscriptionId id) {
    Registration registration = byId.get(id).getOrNull();
    if (registration == null) {
      return null;
    }
    RegisteredSubscriber subscriber = registration.subscriber();
    HashMap<SubscriptionId, Registration> ids = byId.remove(id);
    if (registration.key() instanceof Class<?> type) {
      TreeSet<RegisteredSubscriber> left = bucket(byClass.get(type)).remove(subscriber);
      return new RegistrySnapshot(
          version + 1,
          left.isEmpty() ? byClass.remove(type) : byClass.put(type, left),
          byName,
          ids);
    }
    String name = (String) registration.key();
    TreeSet<RegisteredSubscriber> left = bucket(byName.get(name)).remove(subscriber);
    return new RegistrySnapshot(
        version + 1, byClass, left.isEmpty() ? byName.remove(name) : byName.put(name, left), ids);
  }

  /** Adds the subscribers to {@code type} itself (not its supertypes) to {@code into}. */
  void collectClass(Class<?> type, List<RegisteredSubscriber> into) {
    byClass.get(type).forEach(set -> set.forEach(into::add));
  }

  /** Whether anyone subscribed to the type name {@code name}. */
  boolean hasName(String name) {
    return byName.containsKey(name);
  }

  /** Adds the subscribers to the type name {@code name} to {@code into}. */
  void collectName(String name, List<RegisteredSubscriber> into) {
    byName.get(name).forEach(set -> set.forEach(into::add));
  }

  /** Every subscriber, in delivery order. */
  public List<RegisteredSubscriber> all() {
    List<RegisteredSubscriber> all = new ArrayList<>(size());
    byId.values().forEach(registration -> all.add(registration.subscriber()));
    all.sort(RegisteredSubscriber.DELIVERY_ORDER);
    return all;
  }

  private static TreeSet<RegisteredSubscriber> bucket(
      io.vavr.control.Option<TreeSet<RegisteredSubscriber>> existing) {
    return existing.getOrElse(NO_SUBSCRIBERS);
  }

  /** A subscriber and the key it is filed under: a {@code Class} or a type name. */
  record Registration(Object key, RegisteredSubscriber subscriber) {}
}
