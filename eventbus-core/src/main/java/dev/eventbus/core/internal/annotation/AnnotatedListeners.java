package dev.eventbus.core.internal.annotation;

import dev.eventbus.api.EventFilter;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Subscribes a listener's {@link Subscribe} methods to a bus, using only the bus's public {@code
 * subscribe} methods; this is how {@link UnifiedEventBus#register(Object)} is implemented.
 *
 * <p>Each method becomes one subscription: by its parameter's class, or by {@link
 * Subscribe#eventType()} when that is set; with the annotation's mode (or the bus's default),
 * priority and filter, and the method's {@linkplain SubscriberMethod#subscriptionName() handler
 * name}. Every method and annotation is checked, and every filter made, before the first
 * subscription; if a subscription then fails, those already made are closed again before the
 * exception propagates.
 *
 * <p>Methods marked by another module's annotation (eventbus-compat's Guava-compatible {@code
 * Subscribe}) are subscribed too, by the {@link ForeignSubscribers} installed, so a listener that
 * still carries the compat annotation receives its events on a native bus.
 *
 * <p>Thread-safe; stateless apart from the scanner's per-class cache.
 */
public final class AnnotatedListeners {

  private static final SubscriberMethodScanner<Subscribe> SCANNER =
      SubscriberMethodScanner.of(Subscribe.class);

  private AnnotatedListeners() {}

  /** {@return the scanner for the unified {@link Subscribe} annotation, shared by every bus} */
  public static SubscriberMethodScanner<Subscribe> scanner() {
    return SCANNER;
  }

  /**
   * Subscribes every {@code @Subscribe} method of {@code listener} to {@code bus}.
   *
   * @param bus the bus to subscribe on
   * @param listener an object whose class declares {@code @Subscribe} methods
   * @return one subscription for all the methods (see {@link ListenerSubscription})
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the listener's class has no {@code @Subscribe} method (nor
   *     one a {@link ForeignSubscribers} subscribes), a method or its annotation is malformed, a
   *     filter cannot be made, or the bus refuses an annotation's mode
   * @throws dev.eventbus.api.EventBusStoppedException if the bus is stopping or stopped
   */
  public static ListenerSubscription register(UnifiedEventBus bus, Object listener) {
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(listener, "listener");
    Class<?> listenerClass = listener.getClass();
    List<SubscriberMethod<Subscribe>> methods = SCANNER.scan(listenerClass);
    List<Planned> planned = new ArrayList<>();
    for (SubscriberMethod<Subscribe> method : methods) {
      planned.add(plan(method, listener));
    }
    List<Subscription> made = new ArrayList<>();
    try {
      for (Planned plan : planned) {
        made.add(plan.subscribeTo(bus));
      }
      for (ForeignSubscribers foreign : ForeignSubscribers.installed()) {
        made.addAll(foreign.subscribe(bus, listener));
      }
      if (made.isEmpty()) {
        throw new IllegalArgumentException(
            listenerClass.getName()
                + " has no @"
                + Subscribe.class.getName()
                + " method"
                + (ForeignSubscribers.installed().isEmpty()
                    ? ""
                    : " (nor a method with the Guava-compatible @Subscribe of eventbus-compat)")
                + ": nothing to register");
      }
    } catch (RuntimeException | Error failed) {
      for (Subscription subscription : made) {
        subscription.close();
      }
      throw failed;
    }
    return new ListenerSubscription(listenerClass.getName(), made);
  }

  private static Planned plan(SubscriberMethod<Subscribe> method, Object listener) {
    Subscribe annotation = method.annotation();
    SubscriptionOptions.Builder options = SubscriptionOptions.builder();
    try {
      options
          .priority(annotation.priority())
          .name(annotation.name().isEmpty() ? method.subscriptionName() : annotation.name())
          .concurrency(annotation.concurrency())
          .afterCommit(annotation.afterCommit());
      atMostOne(method, "retry policies", annotation.retry())
          .ifPresent(retry -> options.retryPolicy(retryPolicy(retry)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(method.description() + ": " + e.getMessage(), e);
    }
    atMostOne(method, "modes", annotation.mode()).ifPresent(options::mode);
    atMostOne(method, "overflow policies", annotation.overflowPolicy())
        .ifPresent(options::overflowPolicy);
    if (annotation.filter() != EventFilter.class) {
      options.filter(newFilter(method, annotation.filter()));
    }
    EventHandler<Object> handler = method.bind(listener);
    String eventType = annotation.eventType();
    if (eventType.isEmpty()) {
      return new Planned(method.parameterType(), "", handler, options.build());
    }
    if (eventType.isBlank()) {
      throw new IllegalArgumentException(
          method.description() + " has a blank eventType '" + eventType + "'");
    }
    if (method.parameterType() != Object.class) {
      handler = new TypeCheckedHandler(handler, method.parameterType(), method.description());
    }
    return new Planned(method.parameterType(), eventType, handler, options.build());
  }

  /** The one element of an attribute that takes at most one, if it has one. */
  private static <T> Optional<T> atMostOne(
      SubscriberMethod<Subscribe> method, String what, T[] values) {
    if (values.length > 1) {
      throw new IllegalArgumentException(
          method.description()
              + " names "
              + values.length
              + " "
              + what
              + " "
              + Arrays.toString(values)
              + ": give at most one");
    }
    return values.length == 1 ? Optional.of(values[0]) : Optional.empty();
  }

  private static RetryPolicy retryPolicy(Subscribe.Retry retry) {
    return RetryPolicy.builder()
        .maxAttempts(retry.maxAttempts())
        .backoff(retry.backoff())
        .initialDelay(Duration.ofMillis(retry.initialDelayMillis()))
        .maxDelay(Duration.ofMillis(retry.maxDelayMillis()))
        .multiplier(retry.multiplier())
        .jitter(retry.jitter())
        .build();
  }

  private static EventFilter newFilter(
      SubscriberMethod<Subscribe> method, Class<? extends EventFilter> filterClass) {
    String named = method.description() + " names filter " + filterClass.getName();
    if (filterClass.isInterface() || Modifier.isAbstract(filterClass.getModifiers())) {
      throw new IllegalArgumentException(
          named + ", which is abstract: give a concrete class with a public no-arg constructor");
    }
    Constructor<? extends EventFilter> constructor;
    try {
      constructor = filterClass.getDeclaredConstructor();
    } catch (NoSuchMethodException noNoArg) {
      throw new IllegalArgumentException(
          named + ", which has no no-arg constructor (a nested filter class must be static)",
          noNoArg);
    }
    if (!Modifier.isPublic(constructor.getModifiers())) {
      throw new IllegalArgumentException(named + ", whose no-arg constructor is not public");
    }
    MethodHandle create;
    try {
      create =
          MethodHandles.privateLookupIn(filterClass, MethodHandles.lookup())
              .unreflectConstructor(constructor);
    } catch (IllegalAccessException | SecurityException inaccessible) {
      throw new IllegalArgumentException(
          named
              + ", which is not accessible to "
              + AnnotatedListeners.class.getModule()
              + ": open its package to that module",
          inaccessible);
    }
    try {
      return (EventFilter) create.invoke();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable failed) {
      throw new IllegalArgumentException(named + ", whose constructor threw " + failed, failed);
    }
  }

  /** One method's subscription, checked and ready to make. */
  private static final class Planned {
    private final Class<?> eventClass;
    private final String eventType;
    private final EventHandler<Object> handler;
    private final SubscriptionOptions options;

    /** An empty {@code eventType} subscribes by {@code eventClass}. */
    Planned(
        Class<?> eventClass,
        String eventType,
        EventHandler<Object> handler,
        SubscriptionOptions options) {
      this.eventClass = eventClass;
      this.eventType = eventType;
      this.handler = handler;
      this.options = options;
    }

    Subscription subscribeTo(UnifiedEventBus bus) {
      return eventType.isEmpty()
          ? subscribeByClass(bus, eventClass, handler, options)
          : bus.subscribe(eventType, handler, options);
    }

    private static <E> Subscription subscribeByClass(
        UnifiedEventBus bus,
        Class<E> eventClass,
        EventHandler<Object> handler,
        SubscriptionOptions options) {
      return bus.subscribe(eventClass, handler, options);
    }
  }

  /** Guards a string-typed subscription whose method takes less than {@code Object}. */
  private static final class TypeCheckedHandler implements EventHandler<Object> {
    private final EventHandler<Object> delegate;
    private final Class<?> parameterType;
    private final String description;

    TypeCheckedHandler(EventHandler<Object> delegate, Class<?> parameterType, String description) {
      this.delegate = delegate;
      this.parameterType = parameterType;
      this.description = description;
    }

    @Override
    public void handle(Object event) throws Exception {
      if (!parameterType.isInstance(event)) {
        throw new ClassCastException(
            description
                + " cannot take an event of "
                + event.getClass().getName()
                + ": its eventType matched, but it is not a "
                + parameterType.getName());
      }
      delegate.handle(event);
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }
}
