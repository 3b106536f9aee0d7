package dev.eventbus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;
import org.openrewrite.test.TypeValidation;

/**
 * {@link GuavaToNative} on the samples of issue 17's defects, with the buses on the parser's class
 * path. The harness checks each result, that a second cycle changes nothing, and the types.
 */
class GuavaToNativeTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new GuavaToNative()).parser(TestClasspath.parser());
  }

  private static final String ORDER_LOG =
      """
      package com.acme.orders;

      import com.google.common.eventbus.Subscribe;
      import java.util.List;

      public class OrderLog {
        private final List<String> log;

        public OrderLog(List<String> log) {
          this.log = log;
        }

        @Subscribe
        public void on(String event) {
          log.add("OrderLog got " + event);
        }
      }
      """;

  @Test
  void plainBusAndItsListenerMoveAndImportsFollowTheFilesOwnOrder() {
    rewriteRun(
        java(
            """
            package com.acme.stock;

            import com.google.common.eventbus.EventBus;
            import java.util.List;

            public final class StockShop {
              public static void run(List<String> log) {
                EventBus bus = new EventBus("stock");
                bus.register(new StockListener(log));
                bus.post(7L);
              }
            }
            """,
            """
            package com.acme.stock;

            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;
            import java.util.List;

            public final class StockShop {
              public static void run(List<String> log) {
                UnifiedEventBus bus = EventBusFactory.createDefault();
                bus.register(new StockListener(log));
                bus.publish(7L);
              }
            }
            """),
        java(
            """
            package com.acme.stock;

            import java.util.List;

            import com.google.common.eventbus.AllowConcurrentEvents;
            import com.google.common.eventbus.Subscribe;

            import static java.util.Objects.requireNonNull;

            public class StockListener {
              private final List<String> log;

              public StockListener(List<String> log) {
                this.log = requireNonNull(log);
              }

              @Subscribe
              @AllowConcurrentEvents
              public void on(Long units) {
                log.add("StockListener got " + units);
              }
            }
            """,
            """
            package com.acme.stock;

            import java.util.List;

            import dev.eventbus.api.Subscribe;

            import static java.util.Objects.requireNonNull;

            public class StockListener {
              private final List<String> log;

              public StockListener(List<String> log) {
                this.log = requireNonNull(log);
              }

              @Subscribe
              public void on(Long units) {
                log.add("StockListener got " + units);
              }
            }
            """));
  }

  /**
   * Defect 2: {@code post} on an inherited field and on a method's result. The compiler knows both
   * are the {@code EventBus} that {@code BaseService} declares, so the calls move with it; and the
   * bus named by a non-literal String (defect 3) is a plain bus.
   */
  @Test
  void inheritedFieldAndBusFromAMethodMoveWithTheirDeclaration() {
    rewriteRun(
        java(
            """
            package com.acme.orders;

            import com.google.common.eventbus.EventBus;

            public class BaseService {
              private static final String NAME = BaseService.class.getSimpleName();

              protected final EventBus bus = new EventBus(NAME);

              public EventBus getEventBus() {
                return bus;
              }
            }
            """,
            """
            package com.acme.orders;

            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;

            public class BaseService {
              private static final String NAME = BaseService.class.getSimpleName();

              protected final UnifiedEventBus bus = EventBusFactory.createDefault();

              public UnifiedEventBus getEventBus() {
                return bus;
              }
            }
            """),
        java(
            """
            package com.acme.orders;

            public class OrderService extends BaseService {
              public void place(String order) {
                bus.post("placed " + order);
              }

              public void cancel(String order) {
                getEventBus().post("cancelled " + order);
              }
            }
            """,
            """
            package com.acme.orders;

            public class OrderService extends BaseService {
              public void place(String order) {
                bus.publish("placed " + order);
              }

              public void cancel(String order) {
                getEventBus().publish("cancelled " + order);
              }
            }
            """),
        java(
            """
            package com.acme.orders;

            import java.util.List;

            public final class OrderShop {
              public static void run(List<String> log) {
                OrderService service = new OrderService();
                service.getEventBus().register(new OrderLog(log));
                service.place("o-1");
              }
            }
            """),
        java(ORDER_LOG, ORDER_LOG.replace("com.google.common.eventbus", "dev.eventbus.api")));
  }

  /**
   * Defect 1: a DI-style module builds the bus with an exception handler, so it stays on compat;
   * the listener it registers keeps the compat annotation (moving it would lose its events), and a
   * call on the module's bus from another file stays {@code post}.
   */
  @Test
  void aListenerOfABusThatStaysKeepsTheCompatAnnotation() {
    rewriteRun(
        spec ->
            spec.dataTable(
                MigrationDecisions.Row.class,
                rows ->
                    assertThat(rows)
                        .extracting(MigrationDecisions.Row::toString)
                        .containsExactlyInAnyOrder(
                            "com/acme/audit/BusModule.java COMPAT: "
                                + MigrationRules.reason(
                                    MigrationRules.GUAVA_PACKAGE, "SubscriberExceptionHandler"),
                            "com/acme/audit/AuditListener.java COMPAT: AuditListener may be"
                                + " registered on a bus that stays legacy"
                                + " (com/acme/audit/BusModule.java: bus.register(listener)); it"
                                + " keeps the compat @Subscribe, which that bus sees")),
        java(
            """
            package com.acme.audit;

            import com.google.common.eventbus.EventBus;
            import com.google.common.eventbus.SubscriberExceptionHandler;
            import java.util.List;

            final class BusModule {
              static final SubscriberExceptionHandler HANDLER = (exception, context) -> {};

              static EventBus provideBus(List<AuditListener> listeners) {
                EventBus bus = new EventBus(HANDLER);
                for (AuditListener listener : listeners) {
                  bus.register(listener);
                }
                return bus;
              }
            }
            """,
            """
            package com.acme.audit;

            import dev.eventbus.compat.guava.EventBus;
            import dev.eventbus.compat.guava.SubscriberExceptionHandler;
            import java.util.List;

            final class BusModule {
              static final SubscriberExceptionHandler HANDLER = (exception, context) -> {};

              static EventBus provideBus(List<AuditListener> listeners) {
                EventBus bus = new EventBus(HANDLER);
                for (AuditListener listener : listeners) {
                  bus.register(listener);
                }
                return bus;
              }
            }
            """),
        java(
            """
            package com.acme.audit;

            import com.google.common.eventbus.Subscribe;

            public class AuditListener {
              @Subscribe
              public void on(Integer amount) {}
            }
            """,
            """
            package com.acme.audit;

            import dev.eventbus.compat.guava.Subscribe;

            public class AuditListener {
              @Subscribe
              public void on(Integer amount) {}
            }
            """),
        java(
            """
            package com.acme.audit;

            import java.util.List;

            public final class AuditShop {
              public static void run() {
                BusModule.provideBus(List.of(new AuditListener())).post(4200);
              }
            }
            """));
  }

  /**
   * Defect 4: a library's subclass of Guava's bus sees Guava's annotation only; its listener is
   * left alone by either step, and the table says why.
   */
  @Test
  void aListenerOfALibrarysGuavaBusIsLeftAlone() {
    rewriteRun(
        spec ->
            spec.dataTable(
                MigrationDecisions.Row.class,
                rows ->
                    assertThat(rows)
                        .singleElement()
                        .satisfies(
                            row -> {
                              assertThat(row.getSourcePath())
                                  .isEqualTo("com/acme/plugins/PluginListener.java");
                              assertThat(row.getDecision()).isEqualTo("UNCHANGED");
                              assertThat(row.getReason())
                                  .contains("of a library, which sees Guava's @Subscribe only")
                                  .contains("bus.register(new PluginListener())");
                            })),
        java(
            """
            package com.acme.plugins;

            import org.thirdparty.PluginBus;

            public final class PluginShop {
              public static void run() {
                PluginBus bus = new PluginBus();
                bus.register(new PluginListener());
                bus.post("plugin loaded");
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

  /** A receiver the compiler could not attribute keeps the subscriber where it is. */
  @Test
  void aListenerRegisteredOnAnUnknownReceiverIsLeftAlone() {
    rewriteRun(
        spec ->
            spec.typeValidationOptions(TypeValidation.none())
                .dataTable(
                    MigrationDecisions.Row.class,
                    rows ->
                        assertThat(rows)
                            .singleElement()
                            .extracting(MigrationDecisions.Row::getReason)
                            .asString()
                            .contains("whose type is unknown")),
        java(
            """
            package com.acme.mystery;

            public final class MysteryShop {
              public static void run(com.elsewhere.MysteryBus bus) {
                bus.register(new MysteryListener());
              }
            }
            """),
        java(
            """
            package com.acme.mystery;

            import com.google.common.eventbus.Subscribe;

            public class MysteryListener {
              @Subscribe
              public void on(String event) {}
            }
            """));
  }

  /** Defect 4: reflection into Guava's package compiles after either step and fails at run time. */
  @Test
  void reflectionIntoGuavaLeavesTheFileAlone() {
    rewriteRun(
        spec ->
            spec.dataTable(
                MigrationDecisions.Row.class,
                rows ->
                    assertThat(rows)
                        .extracting(MigrationDecisions.Row::toString)
                        .containsExactly(
                            "com/acme/app/Internals.java UNCHANGED: "
                                + MigrationRules.reflectionReason(
                                    "com.google.common.eventbus.EventBus"))),
        java(
            """
            package com.acme.app;

            import com.google.common.eventbus.EventBus;

            final class Internals {
              private static final String BUS_CLASS = "com.google.common.eventbus.EventBus";

              static boolean same() throws ClassNotFoundException {
                return Class.forName(BUS_CLASS) == EventBus.class;
              }
            }
            """));
  }

  /** A subscriber no visible code registers may be registered by a framework: it stays compat. */
  @Test
  void aSubscriberNothingRegistersStaysOnCompat() {
    rewriteRun(
        java(
            """
            package com.acme.lonely;

            import com.google.common.eventbus.Subscribe;

            public class Lonely {
              @Subscribe
              public void on(String event) {}
            }
            """,
            """
            package com.acme.lonely;

            import dev.eventbus.compat.guava.Subscribe;

            public class Lonely {
              @Subscribe
              public void on(String event) {}
            }
            """));
  }

  /**
   * A call with no native equivalent on a bus declared in another file ({@code unregister}) keeps
   * that declaration, and so the calls on it, on compat.
   */
  @Test
  void unregisterOnAnotherFilesBusKeepsItsDeclaration() {
    rewriteRun(
        spec ->
            spec.dataTable(
                MigrationDecisions.Row.class,
                rows ->
                    assertThat(rows)
                        .extracting(MigrationDecisions.Row::toString)
                        .containsExactly(
                            "com/acme/hub/Hub.java COMPAT: its bus is used in"
                                + " com/acme/hub/Leaver.java by unregister(...): unregister: keep"
                                + " the Subscription that UnifiedEventBus.register returns and"
                                + " close it")),
        java(
            """
            package com.acme.hub;

            import com.google.common.eventbus.EventBus;

            public class Hub {
              public final EventBus bus = new EventBus();
            }
            """,
            """
            package com.acme.hub;

            import dev.eventbus.compat.guava.EventBus;

            public class Hub {
              public final EventBus bus = new EventBus();
            }
            """),
        java(
            """
            package com.acme.hub;

            public class Leaver {
              void leave(Hub hub, Object listener) {
                hub.bus.post("bye");
                hub.bus.unregister(listener);
              }
            }
            """));
  }

  /** A method reference to {@code post} becomes one to {@code publish}; {@code var} follows. */
  @Test
  void aMethodReferenceToPostMoves() {
    rewriteRun(
        java(
            """
            package com.acme.refs;

            import com.google.common.eventbus.EventBus;
            import java.util.List;

            public final class Refs {
              public static void run(List<Object> events) {
                var bus = new EventBus();
                events.forEach(bus::post);
              }
            }
            """,
            """
            package com.acme.refs;

            import dev.eventbus.processors.EventBusFactory;
            import java.util.List;

            public final class Refs {
              public static void run(List<Object> events) {
                var bus = EventBusFactory.createDefault();
                events.forEach(bus::publish);
              }
            }
            """));
  }

  /** A file with only the legacy import: the added import needs no order of the file's own. */
  @Test
  void aFileWhoseOnlyImportWasGuavasGetsTheNativeOne() {
    rewriteRun(
        java(
            """
            package com.acme.solo;

            import com.google.common.eventbus.EventBus;

            public final class Solo {
              private final EventBus bus = new EventBus();

              public void send(Object event) {
                var local = bus;
                local.post(event);
              }
            }
            """,
            """
            package com.acme.solo;

            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;

            public final class Solo {
              private final UnifiedEventBus bus = EventBusFactory.createDefault();

              public void send(Object event) {
                var local = bus;
                local.publish(event);
              }
            }
            """));
  }

  /**
   * A subscriber registered on two buses moves only when both are native after the step: here one
   * is an {@code AsyncEventBus}, which needs a person, so the subscriber keeps the compat
   * annotation and the plain bus's file still moves.
   */
  @Test
  void aSubscriberOnANativeAndALegacyBusStaysOnCompat() {
    rewriteRun(
        java(
            """
            package com.acme.two;

            import com.google.common.eventbus.EventBus;

            public final class Plain {
              public static void run(Both both) {
                EventBus bus = new EventBus();
                bus.register(both);
              }
            }
            """,
            """
            package com.acme.two;

            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;

            public final class Plain {
              public static void run(Both both) {
                UnifiedEventBus bus = EventBusFactory.createDefault();
                bus.register(both);
              }
            }
            """),
        java(
            """
            package com.acme.two;

            import com.google.common.eventbus.AsyncEventBus;

            public final class Async {
              public static void run(Both both) {
                new AsyncEventBus(Runnable::run).register(both);
              }
            }
            """,
            """
            package com.acme.two;

            import dev.eventbus.compat.guava.AsyncEventBus;

            public final class Async {
              public static void run(Both both) {
                new AsyncEventBus(Runnable::run).register(both);
              }
            }
            """),
        java(
            """
            package com.acme.two;

            import com.google.common.eventbus.Subscribe;

            public class Both {
              @Subscribe
              public void on(String event) {}
            }
            """,
            """
            package com.acme.two;

            import dev.eventbus.compat.guava.Subscribe;

            public class Both {
              @Subscribe
              public void on(String event) {}
            }
            """));
  }
}
