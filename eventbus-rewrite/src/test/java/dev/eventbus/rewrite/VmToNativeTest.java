package dev.eventbus.rewrite;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

/** {@link VmToNative}: the legacy buses' mechanical part, and what keeps a file where it is. */
class VmToNativeTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new VmToNative()).parser(TestClasspath.parser());
  }

  @Test
  void aPlainLegacyBusAndItsEventMove() {
    rewriteRun(
        java(
            """
            package com.acme.orders;

            import vm.core.event.DomainEvent;
            import vm.core.event.DomainEventBus;

            public class Orders {
              record Placed(String id) implements DomainEvent {
                @Override
                public String eventType() {
                  return "order.placed";
                }
              }

              private final DomainEventBus bus = new DomainEventBus();

              void place() throws Exception {
                bus.publish(new Placed("o-1"));
              }
            }
            """,
            """
            package com.acme.orders;

            import dev.eventbus.api.DomainEvent;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;

            public class Orders {
              record Placed(String id) implements DomainEvent {
                @Override
                public String eventType() {
                  return "order.placed";
                }
              }

              private final UnifiedEventBus bus = EventBusFactory.createDefault();

              void place() throws Exception {
                bus.publish(new Placed("o-1"));
              }
            }
            """));
  }

  @Test
  void theSingletonKeepsTheFileOnTheLegacyApi() {
    rewriteRun(
        java(
            """
            package com.acme.orders;

            import vm.core.event.DomainEventBus;

            public class Singleton {
              void place(vm.core.event.DomainEvent event) throws Exception {
                DomainEventBus.getInstance().publish(event);
              }
            }
            """));
  }

  /** The native event interface has no timestampMillis(): an event that overrides it stays. */
  @Test
  void anEventWithItsOwnTimestampStays() {
    rewriteRun(
        java(
            """
            package com.acme.orders;

            import vm.core.event.DomainEvent;

            public record Stamped(long at) implements DomainEvent {
              @Override
              public String eventType() {
                return "order.stamped";
              }

              @Override
              public long timestampMillis() {
                return at;
              }
            }
            """));
  }
}
