package dev.eventbus.rewrite;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** {@link GuavaToCompat}: the mechanical step, and what it must not touch. */
class GuavaToCompatTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new GuavaToCompat()).parser(TestClasspath.parser());
  }

  @Test
  void guavasPackageBecomesTheCompatShimsEverywhereItIsWritten() {
    rewriteRun(
        java(
            """
            package com.acme.billing;

            import com.google.common.eventbus.EventBus;
            import com.google.common.eventbus.Subscribe;
            import com.google.common.eventbus.SubscriberExceptionHandler;

            public class Billing {
              private final EventBus bus = new EventBus((SubscriberExceptionHandler) (e, c) -> {});
              private final com.google.common.eventbus.AsyncEventBus async =
                  new com.google.common.eventbus.AsyncEventBus(Runnable::run);

              public Billing() {
                bus.register(this);
              }

              @Subscribe
              public void on(String event) {
                async.post(event);
              }
            }
            """,
            """
            package com.acme.billing;

            import dev.eventbus.compat.guava.EventBus;
            import dev.eventbus.compat.guava.Subscribe;
            import dev.eventbus.compat.guava.SubscriberExceptionHandler;

            public class Billing {
              private final EventBus bus = new EventBus((SubscriberExceptionHandler) (e, c) -> {});
              private final dev.eventbus.compat.guava.AsyncEventBus async =
                  new dev.eventbus.compat.guava.AsyncEventBus(Runnable::run);

              public Billing() {
                bus.register(this);
              }

              @Subscribe
              public void on(String event) {
                async.post(event);
              }
            }
            """));
  }

  @Test
  void reflectionAndAListenerOfALibrarysBusAreLeftAlone() {
    rewriteRun(
        java(
            """
            package com.acme.app;

            import com.google.common.eventbus.EventBus;

            final class Internals {
              static Object make() throws ReflectiveOperationException {
                return EventBus.class.getDeclaredConstructor(String.class).newInstance("x");
              }
            }
            """),
        java(
            """
            package com.acme.plugins;

            import org.thirdparty.PluginBus;

            public final class PluginShop {
              public static void run(PluginBus bus) {
                bus.register(new PluginListener());
              }
            }
            """),
        java(
            """
            package com.acme.plugins;

            import com.google.common.eventbus.Subscribe;

            public class PluginListener {
              @Subscribe
              public void on(String event) {}
            }
            """));
  }

  /**
   * The bus a subscriber is registered on is declared in a file scanned after the registration (as
   * the rewrite Maven plugin scans in the file system's order): it is still the tree's bus, not a
   * library's, so the subscriber moves with it.
   */
  @Test
  void aBusDeclaredInAFileScannedLaterIsTheTreesOwn() {
    rewriteRun(
        java(
            """
            package com.acme.orders;

            public final class OrderShop {
              public static void run(BaseService service) {
                service.getEventBus().register(new OrderLog());
              }
            }
            """),
        java(
            """
            package com.acme.orders;

            import com.google.common.eventbus.Subscribe;

            public class OrderLog {
              @Subscribe
              public void on(String event) {}
            }
            """,
            """
            package com.acme.orders;

            import dev.eventbus.compat.guava.Subscribe;

            public class OrderLog {
              @Subscribe
              public void on(String event) {}
            }
            """),
        java(
            """
            package com.acme.orders;

            import com.google.common.eventbus.EventBus;

            public class BaseService {
              private final EventBus bus = new EventBus("orders");

              public EventBus getEventBus() {
                return bus;
              }
            }
            """,
            """
            package com.acme.orders;

            import dev.eventbus.compat.guava.EventBus;

            public class BaseService {
              private final EventBus bus = new EventBus("orders");

              public EventBus getEventBus() {
                return bus;
              }
            }
            """));
  }
}
