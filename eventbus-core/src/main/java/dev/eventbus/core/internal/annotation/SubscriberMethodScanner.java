package dev.eventbus.core.internal.annotation;

import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Finds the methods of a listener class that carry one annotation type, checks their signatures and
 * builds a fast invoker for each. One scanner serves the unified {@link dev.eventbus.api.Subscribe}
 * and, given their annotation type, compatibility adapters (a Guava-style {@code register}), so
 * every path finds, checks and calls subscriber methods the same way.
 *
 * <h2>What counts</h2>
 *
 * Methods declared by the class, its superclasses (not {@code Object}) and all their interfaces
 * (default and abstract methods alike), whatever their access. Bridge and synthetic methods are
 * skipped. A method that overrides an annotated one counts once, annotated or not: the most
 * specific annotated declaration gives the annotation (superclass declarations before interface
 * ones), and the call dispatches virtually to the override. Overloads are separate subscriber
 * methods. The result is sorted by method name, then parameter type name.
 *
 * <h2>What is checked</h2>
 *
 * Each annotated method must take exactly one parameter of a reference type and must not be static.
 * Its return value, if any, is ignored. A violation throws {@link IllegalArgumentException} whose
 * message names the annotation, the class, the method and the problem, for example {@code
 * "@Subscribe method com.acme.Billing#bill(Order, int) must have exactly one parameter, the event,
 * but has 2"}.
 *
 * <h2>How methods are called</h2>
 *
 * Through a class generated once per method by {@link LambdaMetafactory}, so a call costs what a
 * lambda call costs; where that cannot be done (the listener's class is in another module than this
 * one) through a {@link MethodHandle}. Either way the method's own exception reaches the caller
 * unwrapped. Methods the scanner may not access (a named module that does not open the listener's
 * package to this module) are rejected with a message that says so.
 *
 * <p>Thread-safe. Results are cached per class in a {@link ClassValue}, which does not keep a class
 * from being unloaded; a class that fails the checks is checked again on the next scan.
 *
 * @param <A> the annotation type that marks subscriber methods
 */
public final class SubscriberMethodScanner<A extends Annotation> {

  private final Class<A> annotationType;
  private final ClassValue<List<SubscriberMethod<A>>> cache =
      new ClassValue<>() {
        @Override
        protected List<SubscriberMethod<A>> computeValue(Class<?> type) {
          return find(type);
        }
      };

  private SubscriberMethodScanner(Class<A> annotationType) {
    this.annotationType = annotationType;
  }

  /**
   * A scanner for methods annotated with {@code annotationType}.
   *
   * @param <A> the annotation type
   * @param annotationType the annotation marking subscriber methods, retained at run time
   * @return a scanner that caches what it finds per class
   * @throws NullPointerException if {@code annotationType} is null
   * @throws IllegalArgumentException if the annotation is not retained at run time
   */
  public static <A extends Annotation> SubscriberMethodScanner<A> of(Class<A> annotationType) {
    Objects.requireNonNull(annotationType, "annotationType");
    Retention retention = annotationType.getAnnotation(Retention.class);
    if (retention == null || retention.value() != RetentionPolicy.RUNTIME) {
      throw new IllegalArgumentException(
          "annotationType "
              + annotationType.getName()
              + " must have @Retention(RUNTIME) to be found on methods at run time");
    }
    return new SubscriberMethodScanner<>(annotationType);
  }

  /** {@return the annotation type this scanner looks for} */
  public Class<A> annotationType() {
    return annotationType;
  }

  /**
   * The checked subscriber methods of {@code listenerClass}; empty if it has none.
   *
   * @param listenerClass the listener's class
   * @return an unmodifiable list, sorted by method name, then parameter type name
   * @throws NullPointerException if {@code listenerClass} is null
   * @throws IllegalArgumentException if an annotated method is malformed or inaccessible
   */
  public List<SubscriberMethod<A>> scan(Class<?> listenerClass) {
    Objects.requireNonNull(listenerClass, "listenerClass");
    return cache.get(listenerClass);
  }

  private List<SubscriberMethod<A>> find(Class<?> listenerClass) {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    for (Class<?> type : typesMostSpecificFirst(listenerClass)) {
      Method[] declared = type.getDeclaredMethods();
      Arrays.sort(declared, Comparator.comparing(Method::toString));
      for (Method method : declared) {
        if (method.isBridge()
            || method.isSynthetic()
            || !method.isAnnotationPresent(annotationType)) {
          continue;
        }
        check(method);
        bySignature.putIfAbsent(signature(method), method);
      }
    }
    List<SubscriberMethod<A>> found = new ArrayList<>();
    for (Method method : bySignature.values()) {
      String subscriptionName =
          simpleName(listenerClass)
              + '#'
              + method.getName()
              + '('
              + simpleName(method.getParameterTypes()[0])
              + ')';
      found.add(
          new SubscriberMethod<>(
              method,
              method.getAnnotation(annotationType),
              subscriptionName,
              describe(method),
              invoker(method, describe(method))));
    }
    found.sort(
        Comparator.comparing((SubscriberMethod<A> m) -> m.method().getName())
            .thenComparing(m -> m.parameterType().getName()));
    return List.copyOf(found);
  }

  /** The class and its superclasses, then every interface they implement, breadth first. */
  private static List<Class<?>> typesMostSpecificFirst(Class<?> listenerClass) {
    List<Class<?>> types = new ArrayList<>();
    Deque<Class<?>> interfaces = new ArrayDeque<>();
    // Object declares no subscriber methods, whatever annotation type is asked for.
    for (Class<?> type = listenerClass;
        type != null && type != Object.class;
        type = type.getSuperclass()) {
      if (type.isInterface()) {
        interfaces.add(type);
      } else {
        types.add(type);
        interfaces.addAll(Arrays.asList(type.getInterfaces()));
      }
    }
    Set<Class<?>> seen = new HashSet<>();
    while (!interfaces.isEmpty()) {
      Class<?> type = interfaces.poll();
      if (seen.add(type)) {
        types.add(type);
        interfaces.addAll(Arrays.asList(type.getInterfaces()));
      }
    }
    return types;
  }

  private void check(Method method) {
    if (method.getParameterCount() != 1) {
      throw malformed(
          method,
          "must have exactly one parameter, the event, but has " + method.getParameterCount());
    }
    if (Modifier.isStatic(method.getModifiers())) {
      throw malformed(method, "must not be static: it is called on the registered listener");
    }
    Class<?> parameterType = method.getParameterTypes()[0];
    if (parameterType.isPrimitive()) {
      throw malformed(
          method,
          "must take a reference type, not the primitive "
              + parameterType.getName()
              + ": events are objects");
    }
  }

  private IllegalArgumentException malformed(Method method, String problem) {
    return new IllegalArgumentException(describe(method) + ' ' + problem);
  }

  private String describe(Method method) {
    return '@'
        + annotationType.getSimpleName()
        + " method "
        + method.getDeclaringClass().getName()
        + '#'
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(SubscriberMethodScanner::simpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** Private methods are not overridden, so they keep their declaring class in the key. */
  private static String signature(Method method) {
    String key = method.getName() + '(' + method.getParameterTypes()[0].getName() + ')';
    return Modifier.isPrivate(method.getModifiers())
        ? method.getDeclaringClass().getName() + '#' + key
        : key;
  }

  private static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /**
   * The fastest invoker this module may make for {@code method}: a generated class when the
   * listener's package is open to this module (always so on the class path), else a method handle
   * when the method is public in a public class of an exported package.
   *
   * @throws InaccessibleObjectException if neither is allowed, saying which {@code opens} to add
   */
  private static BiConsumer<Object, Object> invoker(Method method, String description) {
    Class<?> listener = method.getDeclaringClass();
    Module engine = SubscriberMethodScanner.class.getModule();
    // A named module reads only what it requires; a listener's module is never among those.
    engine.addReads(listener.getModule());
    MethodHandles.Lookup lookup;
    MethodHandle target;
    try {
      lookup = MethodHandles.privateLookupIn(listener, MethodHandles.lookup());
      target = lookup.unreflect(method);
    } catch (IllegalAccessException | SecurityException notOpen) {
      try {
        return methodHandleInvoker(MethodHandles.publicLookup().unreflect(method));
      } catch (IllegalAccessException notPublic) {
        // On the class path the engine is in the unnamed module: only an unqualified opens reaches
        // it.
        String opens =
            engine.isNamed()
                ? "opens " + listener.getPackageName() + " to " + engine.getName() + ";"
                : "opens " + listener.getPackageName() + ";";
        InaccessibleObjectException inaccessible =
            new InaccessibleObjectException(
                description
                    + " is not accessible to "
                    + engine
                    + ": add '"
                    + opens
                    + "' to the module-info.java of "
                    + listener.getModule().getName()
                    + ", or make the class and the method public in an exported package");
        inaccessible.initCause(notPublic);
        inaccessible.addSuppressed(notOpen);
        throw inaccessible;
      }
    }
    try {
      return generatedInvoker(lookup, target, method);
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable cannotGenerate) {
      // LambdaMetafactory needs a lookup with full privilege, which another module's class lacks.
      return methodHandleInvoker(target);
    }
  }

  /** A hidden class made by {@link LambdaMetafactory} that calls {@code method} directly. */
  static BiConsumer<Object, Object> generatedInvoker(
      MethodHandles.Lookup lookup, MethodHandle target, Method method) throws Throwable {
    CallSite site =
        LambdaMetafactory.metafactory(
            lookup,
            "accept",
            MethodType.methodType(BiConsumer.class),
            MethodType.methodType(void.class, Object.class, Object.class),
            target,
            MethodType.methodType(
                void.class, method.getDeclaringClass(), method.getParameterTypes()[0]));
    @SuppressWarnings("unchecked") // The call site was made to return exactly this type.
    BiConsumer<Object, Object> invoker = (BiConsumer<Object, Object>) site.getTarget().invoke();
    return invoker;
  }

  /** The fallback: an exact invocation of {@code target}, adapted to two objects. */
  static BiConsumer<Object, Object> methodHandleInvoker(MethodHandle target) {
    MethodHandle exact =
        target.asType(MethodType.methodType(void.class, Object.class, Object.class));
    return (listener, event) -> {
      try {
        exact.invokeExact(listener, event);
      } catch (Throwable thrown) {
        throw SubscriberMethodScanner.<RuntimeException>unchecked(thrown);
      }
    };
  }

  /** Rethrows the method's own checked exception as is, as the generated invoker does. */
  @SuppressWarnings("unchecked") // Erased: the cast checks nothing, which is the point.
  private static <T extends Throwable> T unchecked(Throwable thrown) throws T {
    throw (T) thrown;
  }
}
