package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 1 and deliverable 2: a subscriber class takes the native {@code @Subscribe} only
 * when every bus that may register it becomes native. Before, a listener whose bus was built in a
 * file that had to stay on compat (a DI module) moved to the native annotation anyway and received
 * nothing, and the tool said nothing. The decision is the recipes' (on the compiler's types); its
 * reason is a manual step for the whole subscriber file, naming the registering call.
 */
class NativeMoveProofTest {

  @TempDir Path work;

  private Path root() {
    return work.resolve("src");
  }

  private void write(String file, String content) throws IOException {
    Path path = root().resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
  }

  private String read(String file) throws IOException {
    return Files.readString(root().resolve(file), StandardCharsets.UTF_8);
  }

  private MigrationResult migrateToNative() {
    return MigrationHelper.migrateCode(root(), MigrationOptions.to(MigrationTarget.NATIVE));
  }

  private static final String LISTENER =
      """
      package com.acme.shop.app;

      import com.google.common.eventbus.Subscribe;
      import java.util.List;

      public class Listener {
        private final List<String> log;

        public Listener(List<String> log) {
          this.log = log;
        }

        @Subscribe
        public void on(String event) {
          log.add("Listener got " + event);
        }
      }
      """;

  /**
   * The defect as measured on a Guice code base: the module that builds the bus cannot move (it
   * gives the bus an exception handler) and registers whatever it is given. The listener stays on
   * compat, the run says why, and the migrated code delivers what the original did.
   */
  @Test
  void aListenerRegisteredByAModuleThatStaysOnCompatStaysToo() throws IOException {
    write("com/acme/shop/app/Listener.java", LISTENER);
    write(
        "com/acme/shop/app/BusModule.java",
        """
        package com.acme.shop.app;

        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.SubscriberExceptionHandler;
        import java.util.List;

        final class BusModule {
          static final SubscriberExceptionHandler HANDLER = (e, context) -> {};

          static EventBus provideBus(List<Object> listeners) {
            EventBus bus = new EventBus(HANDLER);
            for (Object listener : listeners) {
              bus.register(listener);
            }
            return bus;
          }
        }
        """);
    write(
        "com/acme/shop/app/SampleApp.java",
        """
        package com.acme.shop.app;

        import java.util.ArrayList;
        import java.util.List;

        public final class SampleApp {
          public static List<String> run() {
            List<String> log = new ArrayList<>();
            BusModule.provideBus(List.of(new Listener(log))).post("order 1");
            return log;
          }
        }
        """);
    List<String> before = SampleApp.run(SampleApp.compile(root(), work.resolve("before")));
    assertThat(before).containsExactly("Listener got order 1");

    MigrationResult result = migrateToNative();

    assertThat(result.changes())
        .filteredOn(c -> c.file().equals("com/acme/shop/app/Listener.java"))
        .singleElement()
        .satisfies(c -> assertThat(c.target()).isEqualTo(MigrationTarget.COMPAT));
    assertThat(read("com/acme/shop/app/Listener.java"))
        .contains("import dev.eventbus.compat.guava.Subscribe;")
        .doesNotContain("dev.eventbus.api");
    assertThat(result.manualSteps())
        .filteredOn(s -> s.file().equals("com/acme/shop/app/Listener.java"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.line()).as("the whole file").isZero();
              assertThat(s.reason())
                  .contains("Listener may be registered on a bus that stays legacy")
                  .contains("com/acme/shop/app/BusModule.java: bus.register(listener)")
                  .contains("keeps the compat @Subscribe");
            });
    assertThat(SampleApp.run(SampleApp.compile(root(), work.resolve("after")))).isEqualTo(before);
  }

  @Test
  void aListenerRegisteredOnALibrarysBusTypeStaysOnCompat() throws IOException {
    write("com/acme/shop/app/Listener.java", LISTENER);
    write(
        "com/acme/shop/app/Wiring.java",
        """
        package com.acme.shop.app;

        import com.lib.events.LibraryBus;
        import java.util.ArrayList;

        final class Wiring {
          void wire(LibraryBus bus) {
            bus.register(new Listener(new ArrayList<>()));
          }
        }
        """);

    MigrationResult result = migrateToNative();

    assertThat(read("com/acme/shop/app/Listener.java")).doesNotContain("dev.eventbus.api");
    assertThat(result.manualSteps())
        .extracting(ManualStep::reason)
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("com/acme/shop/app/Wiring.java: bus.register(new Listener(")
                    .contains("whose type is unknown (the class path lacks it)"));
  }

  @Test
  void aListenerRegisteredOnAnInheritedFieldOrAMethodsResultStaysOnCompat() throws IOException {
    write("com/acme/shop/app/Listener.java", LISTENER);
    write(
        "com/acme/shop/app/Wiring.java",
        """
        package com.acme.shop.app;

        import java.util.ArrayList;

        final class Wiring extends BaseModule {
          void wire() {
            bus.register(new Listener(new ArrayList<>()));
            getEventBus().register(new Listener(new ArrayList<>()));
          }
        }
        """);

    MigrationResult result = migrateToNative();

    assertThat(read("com/acme/shop/app/Listener.java")).doesNotContain("dev.eventbus.api");
    assertThat(result.manualSteps())
        .extracting(ManualStep::reason)
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("Wiring.java: bus.register(new Listener(")
                    .contains("whose type is unknown (the class path lacks it)"));
  }

  @Test
  void aListenerNothingIsSeenToRegisterStaysOnCompat() throws IOException {
    write("com/acme/shop/app/Listener.java", LISTENER);

    MigrationResult result = migrateToNative();

    assertThat(read("com/acme/shop/app/Listener.java"))
        .contains("dev.eventbus.compat.guava.Subscribe");
    assertThat(result.manualSteps())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.reason())
                    .contains("nothing in the tree is seen to register Listener"));
  }

  /**
   * The subscriber methods are inherited: the registered class, in a file without any legacy use,
   * extends the subscriber. Its supertypes are read from its file to connect the two.
   */
  @Test
  void aSubclassRegisteredOnABusThatStaysKeepsItsSuperclassOnCompat() throws IOException {
    write("com/acme/shop/app/Listener.java", LISTENER);
    write(
        "com/acme/shop/app/AuditingListener.java",
        """
        package com.acme.shop.app;

        import java.util.List;

        public class AuditingListener extends Listener {
          public AuditingListener(List<String> log) {
            super(log);
          }
        }
        """);
    write(
        "com/acme/shop/app/Wiring.java",
        """
        package com.acme.shop.app;

        import java.util.ArrayList;

        final class Wiring {
          void wire(com.lib.events.LibraryBus bus) {
            bus.register(new AuditingListener(new ArrayList<>()));
          }
        }
        """);

    MigrationResult result = migrateToNative();

    assertThat(read("com/acme/shop/app/Listener.java")).doesNotContain("dev.eventbus.api");
    assertThat(result.manualSteps())
        .extracting(ManualStep::reason)
        .anySatisfy(r -> assertThat(r).contains("Wiring.java: bus.register(new AuditingListener("));
  }

  /** The other side of the proof: registered only on buses that become native, it moves. */
  @Test
  void aListenerRegisteredOnlyOnBusesThatBecomeNativeMoves() throws IOException {
    write("com/acme/shop/app/Listener.java", LISTENER);
    write(
        "com/acme/shop/app/SampleApp.java",
        """
        package com.acme.shop.app;

        import com.google.common.eventbus.EventBus;
        import java.util.ArrayList;
        import java.util.List;

        public final class SampleApp {
          public static List<String> run() {
            List<String> log = new ArrayList<>();
            EventBus bus = new EventBus("shop");
            Listener listener = new Listener(log);
            bus.register(listener);
            bus.post("order 1");
            return log;
          }
        }
        """);

    MigrationResult result = migrateToNative();

    assertThat(result.manualSteps()).isEmpty();
    assertThat(result.changes())
        .allSatisfy(c -> assertThat(c.target()).isEqualTo(MigrationTarget.NATIVE))
        .hasSize(2);
    assertThat(SampleApp.run(SampleApp.compile(root(), work.resolve("after"))))
        .containsExactly("Listener got order 1");
  }
}
