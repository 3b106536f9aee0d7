package dev.eventbus.core.internal.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventHandler;
import dev.eventbus.api.Subscribe;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class SubscriberMethodScannerTest {

  private final SubscriberMethodScanner<Subscribe> scanner = AnnotatedListeners.scanner();

  static class Base {
    final List<String> calls = new ArrayList<>();

    @Subscribe
    public void onString(String event) {
      calls.add("base:" + event);
    }

    @Subscribe(priority = 7)
    void onInteger(Integer event) {
      calls.add("base-int:" + event);
    }
  }

  interface Auditing {
    List<String> calls();

    @Subscribe
    default void audit(Long event) {
      calls().add("audit:" + event);
    }
  }

  static final class Derived extends Base implements Auditing {
    @Override
    public void onString(String event) {
      calls.add("derived:" + event);
    }

    @Override
    @Subscribe(priority = 9)
    void onInteger(Integer event) {
      calls.add("derived-int:" + event);
    }

    @Override
    public List<String> calls() {
      return calls;
    }

    @Subscribe
    private void secret(Double event) {
      calls.add("secret:" + event);
    }
  }

  static final class Overloads {
    @Subscribe
    void on(String event) {}

    @Subscribe
    void on(Integer event) {}

    void notAnnotated(String event) {}
  }

  static final class Returning {
    @Subscribe
    String echo(String event) {
      return event;
    }
  }

  static final class Throwing {
    @Subscribe
    void fail(String event) throws IOException {
      throw new IOException("disk full for " + event);
    }
  }

  static final class TwoParameters {
    @Subscribe
    void on(String first, Integer second) {}
  }

  static final class NoParameter {
    @Subscribe
    void on() {}
  }

  static final class Primitive {
    @Subscribe
    void on(int event) {}
  }

  static final class Static {
    @Subscribe
    static void on(String event) {}
  }

  @Retention(RetentionPolicy.CLASS)
  @interface NotAtRunTime {}

  /** Stands in for an adapter's legacy annotation, such as Guava's. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface LegacySubscribe {}

  static final class LegacyListener {
    final List<String> calls = new ArrayList<>();

    @LegacySubscribe
    public void legacy(String event) {
      calls.add("legacy:" + event);
    }

    @Subscribe
    public void unified(String event) {
      calls.add("unified:" + event);
    }
  }

  @Test
  void scan_findsInheritedInterfaceAndPrivateMethods_onceEach_sortedByName() {
    List<SubscriberMethod<Subscribe>> methods = scanner.scan(Derived.class);

    assertThat(methods)
        .extracting(SubscriberMethod::subscriptionName)
        .containsExactly(
            "Derived#audit(Long)",
            "Derived#onInteger(Integer)",
            "Derived#onString(String)",
            "Derived#secret(Double)");
  }

  @Test
  void scan_overrideWithoutAnnotation_countsOnce_andTheOverrideRuns() throws Exception {
    Derived listener = new Derived();
    SubscriberMethod<Subscribe> onString = find(Derived.class, "onString");

    assertThat(onString.method().getDeclaringClass()).isEqualTo(Base.class);
    onString.bind(listener).handle("hi");

    assertThat(listener.calls).containsExactly("derived:hi");
  }

  @Test
  void scan_overrideWithAnnotation_takesTheMostSpecificAnnotation() throws Exception {
    Derived listener = new Derived();
    SubscriberMethod<Subscribe> onInteger = find(Derived.class, "onInteger");

    assertThat(onInteger.annotation().priority()).isEqualTo(9);
    onInteger.bind(listener).handle(3);

    assertThat(listener.calls).containsExactly("derived-int:3");
  }

  @Test
  void scan_interfaceDefaultAndPrivateMethods_areCalled() throws Exception {
    Derived listener = new Derived();

    find(Derived.class, "audit").bind(listener).handle(5L);
    find(Derived.class, "secret").bind(listener).handle(1.5);

    assertThat(listener.calls).containsExactly("audit:5", "secret:1.5");
  }

  @Test
  void scan_overloads_areSeparateMethods() {
    assertThat(scanner.scan(Overloads.class))
        .extracting(SubscriberMethod::subscriptionName)
        .containsExactly("Overloads#on(Integer)", "Overloads#on(String)");
  }

  @Test
  void scan_classWithoutAnnotatedMethods_isEmpty() {
    assertThat(scanner.scan(Object.class)).isEmpty();
  }

  @Test
  void scan_isCachedPerClass() {
    assertThat(scanner.scan(Derived.class)).isSameAs(scanner.scan(Derived.class));
  }

  @Test
  void invokers_areGeneratedByLambdaMetafactory_notReflection() {
    for (SubscriberMethod<Subscribe> method : scanner.scan(Derived.class)) {
      assertThat(method.invoker().getClass().isHidden()).as(method.subscriptionName()).isTrue();
    }
  }

  @Test
  void returnValue_isIgnored() throws Exception {
    find(Returning.class, "echo").bind(new Returning()).handle("x");
  }

  @Test
  void methodsCheckedException_reachesTheCallerUnwrapped() {
    EventHandler<Object> handler = find(Throwing.class, "fail").bind(new Throwing());

    assertThatThrownBy(() -> handler.handle("e1"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("disk full for e1");
  }

  @Test
  void methodHandleFallback_callsTheMethod_andRethrowsItsExceptionUnwrapped() throws Exception {
    Throwing listener = new Throwing();
    BiConsumer<Object, Object> invoker =
        SubscriberMethodScanner.methodHandleInvoker(
            MethodHandles.lookup()
                .unreflect(Throwing.class.getDeclaredMethod("fail", String.class)));

    assertThatThrownBy(() -> invoker.accept(listener, "e2"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("disk full for e2");
  }

  @Test
  void bind_otherClassesInstance_isRejected() {
    SubscriberMethod<Subscribe> method = find(Overloads.class, "on");

    assertThatThrownBy(() -> method.bind("not a listener"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "listener java.lang.String is not a "
                + Overloads.class.getName()
                + ", the class of Overloads#on(Integer)");
  }

  @Test
  void twoParameters_areRejected() {
    assertThatThrownBy(() -> scanner.scan(TwoParameters.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Subscribe method "
                + TwoParameters.class.getName()
                + "#on(String, Integer) must have exactly one parameter, the event, but has 2");
  }

  @Test
  void noParameter_isRejected() {
    assertThatThrownBy(() -> scanner.scan(NoParameter.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Subscribe method "
                + NoParameter.class.getName()
                + "#on() must have exactly one parameter, the event, but has 0");
  }

  @Test
  void primitiveParameter_isRejected() {
    assertThatThrownBy(() -> scanner.scan(Primitive.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Subscribe method "
                + Primitive.class.getName()
                + "#on(int) must take a reference type, not the primitive int: events are"
                + " objects");
  }

  @Test
  void staticMethod_isRejected() {
    assertThatThrownBy(() -> scanner.scan(Static.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "@Subscribe method "
                + Static.class.getName()
                + "#on(String) must not be static: it is called on the registered listener");
  }

  @Test
  void annotationNotRetainedAtRunTime_isRejected() {
    assertThatThrownBy(() -> SubscriberMethodScanner.of(NotAtRunTime.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "annotationType "
                + NotAtRunTime.class.getName()
                + " must have @Retention(RUNTIME) to be found on methods at run time");
  }

  @Test
  void aScannerForAnotherAnnotation_findsOnlyThatAnnotation() throws Exception {
    SubscriberMethodScanner<LegacySubscribe> legacy =
        SubscriberMethodScanner.of(LegacySubscribe.class);
    LegacyListener listener = new LegacyListener();

    List<SubscriberMethod<LegacySubscribe>> methods = legacy.scan(LegacyListener.class);
    methods.get(0).bind(listener).handle("a");

    assertThat(methods)
        .extracting(SubscriberMethod::subscriptionName)
        .containsExactly("LegacyListener#legacy(String)");
    assertThat(methods.get(0).description())
        .isEqualTo("@LegacySubscribe method " + LegacyListener.class.getName() + "#legacy(String)");
    assertThat(listener.calls).containsExactly("legacy:a");
    assertThat(legacy.scan(Derived.class)).isEmpty();
  }

  private SubscriberMethod<Subscribe> find(Class<?> type, String name) {
    return scanner.scan(type).stream()
        .filter(method -> method.method().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
