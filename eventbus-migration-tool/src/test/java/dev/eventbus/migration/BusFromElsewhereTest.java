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
 * did not compile, exit 0, no manual step. Now a call the tool can follow (a method of the same
 * file) is rewritten, and a declaration whose calls it cannot follow stays, with a manual step
 * naming the call. Every result compiles.
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
  void postOnAnInheritedFieldKeepsTheDeclarationOnCompat() throws IOException {
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
        .contains("import dev.eventbus.compat.guava.EventBus;")
        .doesNotContain("UnifiedEventBus");
    assertThat(read("com/acme/OrderService.java")).contains("bus.post(order);");
    assertThat(result.manualSteps())
        .filteredOn(s -> s.file().equals("com/acme/BaseService.java"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.reason())
                    .contains("com/acme/OrderService.java:5")
                    .contains("`bus.post(order)`")
                    .contains("post is publish"));
  }

  @Test
  void postOnAMethodOfAnotherClassKeepsItsDeclarationOnCompat() throws IOException {
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

    assertThat(read("com/acme/Module.java")).doesNotContain("UnifiedEventBus");
    assertThat(result.manualSteps())
        .extracting(ManualStep::reason)
        .anySatisfy(
            r -> assertThat(r).contains("Plugin.java:5").contains("`getEventBus().post(event)`"));
  }
}
