package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 2: {@code post} called on an inherited field or on a method's result. Before,
 * the declaration became a {@code UnifiedEventBus} and the call stayed {@code post}: output that
 * did not compile, exit 0, no manual step. Now the recipes that {@code migrate} runs see the
 * compiler's types: the call on an inherited field or on another class's method is a call on the
 * bus that class declares, so it becomes {@code publish} where that declaration moves (before the
 * tool ran on the recipes, it kept such a declaration on compat with a manual step; see
 * docs/migration.md). Every result compiles.
 */
class BusFromElsewhereTest {

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

  private MigrationResult migrateToNativeAndCompile() {
    MigrationResult result =
        MigrationHelper.migrateCode(root(), MigrationOptions.to(MigrationTarget.NATIVE));
    SampleApp.compile(root(), work.resolve("classes"));
    return result;
  }

  @Test
  void postOnTheResultOfAMethodOfTheSameFileIsRewritten() throws IOException {
    write(
        "com/acme/Shop.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        public class Shop {
          private final EventBus bus = new EventBus();

          EventBus bus() {
            return bus;
          }

          void send(Object event) {
            bus().post(event);
            this.bus().post(event);
          }
        }
        """);

    MigrationResult result = migrateToNativeAndCompile();

    assertThat(result.manualSteps()).isEmpty();
    assertThat(read("com/acme/Shop.java"))
        .contains("UnifiedEventBus bus() {")
        .contains("bus().publish(event);")
        .contains("this.bus().publish(event);")
        .doesNotContain("post(");
  }

  @Test
  void postOnAnInheritedFieldMovesWithTheDeclaration() throws IOException {
    write(
        "com/acme/BaseService.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        public class BaseService {
          protected final EventBus bus = new EventBus();
        }
        """);
    write(
        "com/acme/OrderService.java",
        """
        package com.acme;

        public class OrderService extends BaseService {
          void place(Object order) {
            bus.post(order);
          }
        }
        """);

    MigrationResult result = migrateToNativeAndCompile();

    assertThat(read("com/acme/BaseService.java"))
        .contains("protected final UnifiedEventBus bus = EventBusFactory.createDefault();")
        .doesNotContain("com.google.common.eventbus");
    assertThat(read("com/acme/OrderService.java")).contains("bus.publish(order);");
    assertThat(result.manualSteps()).isEmpty();
  }

  /**
   * The subclass needs a person (a dead event) and stays on compat, while the bus it posts to moves
   * with its declaration: its call is renamed all the same, so that it compiles.
   */
  @Test
  void aFileKeptOnCompatPostingOnAnInheritedFieldThatMovesIsRenamedToo() throws IOException {
    write(
        "com/acme/BaseService.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        public class BaseService {
          protected final EventBus bus = new EventBus();
        }
        """);
    write(
        "com/acme/OrderService.java",
        """
        package com.acme;

        import com.google.common.eventbus.DeadEvent;

        public class OrderService extends BaseService {
          void place(Object order) {
            bus.post(order);
          }

          boolean undelivered(Object event) {
            return event instanceof DeadEvent;
          }
        }
        """);

    MigrationResult result = migrateToNativeAndCompile();

    assertThat(result.changes())
        .extracting(FileChange::file, FileChange::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "com/acme/BaseService.java", MigrationTarget.NATIVE),
            org.assertj.core.groups.Tuple.tuple(
                "com/acme/OrderService.java", MigrationTarget.COMPAT));
    assertThat(read("com/acme/OrderService.java"))
        .contains("import dev.eventbus.compat.guava.DeadEvent;")
        .contains("bus.publish(order);");
    assertThat(result.manualSteps())
        .extracting(ManualStep::file)
        .containsOnly("com/acme/OrderService.java");
  }

  @Test
  void postOnAMethodOfAnotherClassMovesWithItsDeclaration() throws IOException {
    write(
        "com/acme/Module.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        public class Module {
          private final EventBus bus = new EventBus("module");

          public EventBus getEventBus() {
            return bus;
          }
        }
        """);
    write(
        "com/acme/Plugin.java",
        """
        package com.acme;

        public class Plugin extends Module {
          void start(Object event) {
            getEventBus().post(event);
            getEventBus().register(this);
          }
        }
        """);

    MigrationResult result = migrateToNativeAndCompile();

    assertThat(read("com/acme/Module.java"))
        .contains("public UnifiedEventBus getEventBus() {")
        .doesNotContain("com.google.common.eventbus");
    assertThat(read("com/acme/Plugin.java"))
        .contains("getEventBus().publish(event);")
        .contains("getEventBus().register(this);");
    assertThat(result.manualSteps()).isEmpty();
  }
}
