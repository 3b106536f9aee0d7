package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17, defect 4: code that reflects into Guava's internals compiled after compat and failed at
 * run time with a LinkageError, and subscribers registered on a library's Guava bus lost their
 * events; neither scan nor migrate said so. Now scan reports a {@code reflection} finding and
 * migrate leaves such files as they are, with a manual step.
 */
class GuavaInternalsTest {

  @TempDir Path work;

  private Path root() {
    return work.resolve("src");
  }

  private void write(String file, String content) throws IOException {
    Path path = root().resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
  }

  private static final String REFLECTING =
      """
      package com.acme;

      import com.google.common.eventbus.EventBus;
      import java.lang.reflect.Constructor;

      final class Internals {
        static final String DISPATCHER = "com.google.common.eventbus.Dispatcher";

        static Object dispatcher() throws Exception {
          Class<?> type = Class.forName("com.google.common.eventbus.Dispatcher$PerThreadQueuedDispatcher");
          return type;
        }

        static Constructor<EventBus> constructor() throws Exception {
          return EventBus.class.getDeclaredConstructor(String.class);
        }

        String describe() {
          return "bus of " + "com.google.common.eventbus.EventBus";
        }
      }
      """;

  @Test
  void scanReportsEachReflectiveUseAndNotTextThatMentionsThePackage() throws IOException {
    write("com/acme/Internals.java", REFLECTING);

    MigrationReport report = MigrationHelper.checkCompatibility(root());

    assertThat(report.findings())
        .filteredOn(f -> f.kind() == FindingKind.REFLECTION)
        .extracting(Finding::line, Finding::symbol, Finding::autoMigratable)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(7, "com.google.common.eventbus.Dispatcher", false),
            org.assertj.core.groups.Tuple.tuple(
                10, "com.google.common.eventbus.Dispatcher$PerThreadQueuedDispatcher", false),
            org.assertj.core.groups.Tuple.tuple(15, "com.google.common.eventbus.EventBus", false));
  }

  @ParameterizedTest
  @EnumSource(MigrationTarget.class)
  void migrateLeavesAFileThatReflectsIntoGuavaAlone(MigrationTarget target) throws IOException {
    write("com/acme/Internals.java", REFLECTING);

    MigrationResult result = MigrationHelper.migrateCode(root(), MigrationOptions.to(target));

    assertThat(result.changes()).isEmpty();
    assertThat(Files.readString(root().resolve("com/acme/Internals.java"))).isEqualTo(REFLECTING);
    assertThat(result.manualSteps())
        .hasSize(3)
        .allSatisfy(
            s -> assertThat(s.reason()).contains("reflects into Guava's event-bus internals"));
  }

  /**
   * The listener is registered on a library's subclass of Guava's bus: it must keep Guava's
   * annotation, which is what that bus looks for.
   */
  @ParameterizedTest
  @EnumSource(MigrationTarget.class)
  void aSubscriberOnALibrarysBusKeepsGuavasAnnotation(MigrationTarget target) throws IOException {
    String listener =
        """
        package com.acme;

        import com.google.common.eventbus.Subscribe;

        public class Listener {
          @Subscribe
          public void on(String event) {}
        }
        """;
    write("com/acme/Listener.java", listener);
    write(
        "com/acme/Plugin.java",
        """
        package com.acme;

        import org.thirdparty.PluginBus;

        final class Plugin {
          void start(PluginBus bus) {
            bus.register(new Listener());
          }
        }
        """);

    MigrationResult result = MigrationHelper.migrateCode(root(), MigrationOptions.to(target));

    assertThat(Files.readString(root().resolve("com/acme/Listener.java"))).isEqualTo(listener);
    assertThat(result.manualSteps())
        .extracting(ManualStep::reason)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("Listener may be registered on a bus whose type is unknown")
                    .contains("com/acme/Plugin.java: bus.register(new Listener())")
                    .contains("nothing in the file was changed"));
  }

  /**
   * Given the library's jar (here its class directory), the recipes see that the bus is a library's
   * subclass of Guava's bus, and say so; the listener is left alone as without it.
   */
  @ParameterizedTest
  @EnumSource(MigrationTarget.class)
  void withTheLibraryOnTheClasspathTheReasonNamesTheLibrarysBus(MigrationTarget target)
      throws IOException {
    String listener =
        """
        package com.acme;

        import com.google.common.eventbus.Subscribe;

        public class Listener {
          @Subscribe
          public void on(String event) {}
        }
        """;
    write("com/acme/Listener.java", listener);
    write(
        "com/acme/Plugin.java",
        """
        package com.acme;

        import org.thirdparty.PluginBus;

        final class Plugin {
          void start(PluginBus bus) {
            bus.register(new Listener());
          }
        }
        """);
    Path library = SampleApp.compile(SampleTree.resource("/sample-lib"), work.resolve("lib"));

    MigrationResult result =
        MigrationHelper.migrateCode(
            root(), MigrationOptions.to(target).withClasspath(List.of(library)));

    assertThat(Files.readString(root().resolve("com/acme/Listener.java"))).isEqualTo(listener);
    assertThat(result.manualSteps())
        .extracting(ManualStep::reason)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("Listener may be registered on a bus of a library")
                    .contains("com/acme/Plugin.java: bus.register(new Listener())"));
  }

  @Test
  void aBusTypeDeclaredInTheTreeIsNotALibrarysBus() throws IOException {
    write(
        "com/acme/Listener.java",
        """
        package com.acme;

        import com.google.common.eventbus.Subscribe;

        public class Listener {
          @Subscribe
          public void on(String event) {}
        }
        """);
    write(
        "com/acme/Wiring.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        final class Wiring {
          void start(EventBus bus) {
            bus.register(new Listener());
          }
        }
        """);

    MigrationResult result =
        MigrationHelper.migrateCode(root(), MigrationOptions.to(MigrationTarget.COMPAT));

    assertThat(result.manualSteps()).isEmpty();
    assertThat(result.changes()).hasSize(2);
  }
}
