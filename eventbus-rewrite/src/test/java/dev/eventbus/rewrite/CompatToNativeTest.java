package dev.eventbus.rewrite;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** {@link CompatToNative}: the second step, from the compat shim; Guava's package is not read. */
class CompatToNativeTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new CompatToNative()).parser(TestClasspath.parser());
  }

  @Test
  void compatCodeMovesAndGuavaCodeIsNotTouched() {
    rewriteRun(
        java(
            """
            package com.acme.shop;

            import dev.eventbus.compat.guava.EventBus;
            import dev.eventbus.compat.guava.Subscribe;

            public class Shop {
              public static void run() {
                EventBus bus = new EventBus();
                bus.register(new Shop());
                bus.post("sold");
              }

              @Subscribe
              public void on(String event) {}
            }
            """,
            """
            package com.acme.shop;

            import dev.eventbus.api.Subscribe;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;

            public class Shop {
              public static void run() {
                UnifiedEventBus bus = EventBusFactory.createDefault();
                bus.register(new Shop());
                bus.publish("sold");
              }

              @Subscribe
              public void on(String event) {}
            }
            """),
        java(
            """
            package com.acme.old;

            import com.google.common.eventbus.EventBus;

            public class Old {
              public static void run() {
                new EventBus().post("still Guava");
              }
            }
            """));
  }
}
