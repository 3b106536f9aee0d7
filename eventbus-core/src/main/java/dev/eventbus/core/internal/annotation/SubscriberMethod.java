package dev.eventbus.core.internal.annotation;

import dev.eventbus.api.EventHandler;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One checked subscriber method found by a {@link SubscriberMethodScanner}: the method, its
 * annotation and an invoker built once for it. Immutable and thread-safe; {@link #bind(Object)}
 * makes a handler per listener instance.
 *
 * @param <A> the annotation type that marked the method
 */
public final class SubscriberMethod<A extends Annotation> {

  private final Method method;
  private final A annotation;
  private final String subscriptionName;
  private final String description;
  private final BiConsumer<Object, Object> invoker;

  SubscriberMethod(
      Method method,
      A annotation,
      String subscriptionName,
      String description,
      BiConsumer<Object, Object> invoker) {
    this.method = method;
    this.annotation = annotation;
    this.subscriptionName = subscriptionName;
    this.description = description;
    this.invoker = invoker;
  }

  /** {@return the annotated declaration (its override, if any, is what runs)} */
  public Method method() {
    return method;
  }

  /** {@return the annotation of the most specific annotated declaration} */
  public A annotation() {
    return annotation;
  }

  /** {@return the method's parameter type: the class of events it takes} */
  public Class<?> parameterType() {
    return method.getParameterTypes()[0];
  }

  /**
   * {@return {@code "ListenerSimpleName#method(ParameterSimpleName)"}, the bound handlers' name}
   */
  public String subscriptionName() {
    return subscriptionName;
  }

  /**
   * {@return how error messages name the method: {@code "@Subscribe method
   * com.acme.Billing#bill(OrderPlaced)"}, with the class that declares it}
   */
  public String description() {
    return description;
  }

  /**
   * A handler that calls this method on {@code listener}, with {@link
   * EventHandler#DEFAULT_PRIORITY} and {@link #subscriptionName()} as its name. What the method
   * throws is what the handler throws, unwrapped.
   *
   * @param listener an instance of the method's declaring class
   * @return the handler
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalArgumentException if {@code listener} is not an instance of the method's class
   */
  public EventHandler<Object> bind(Object listener) {
    Objects.requireNonNull(listener, "listener");
    if (!method.getDeclaringClass().isInstance(listener)) {
      throw new IllegalArgumentException(
          "listener "
              + listener.getClass().getName()
              + " is not a "
              + method.getDeclaringClass().getName()
              + ", the class of "
              + subscriptionName);
    }
    return new BoundHandler(invoker, listener, subscriptionName);
  }

  /** The invoker the scanner built, for tests that check how methods are called. */
  BiConsumer<Object, Object> invoker() {
    return invoker;
  }

  @Override
  public String toString() {
    return subscriptionName;
  }

  /** A method bound to one listener. */
  private static final class BoundHandler implements EventHandler<Object> {
    private final BiConsumer<Object, Object> invoker;
    private final Object listener;
    private final String name;

    BoundHandler(BiConsumer<Object, Object> invoker, Object listener, String name) {
      this.invoker = invoker;
      this.listener = listener;
      this.name = name;
    }

    @Override
    public void handle(Object event) {
      // Checked exceptions of the method pass through accept() undeclared, as the method threw
      // them.
      invoker.accept(listener, event);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
