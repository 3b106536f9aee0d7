package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 3: {@code new EventBus(x)} with an {@code x} that is not a string literal was
 * reported as "with an exception handler" and kept on compat, with every file connected to it. The
 * argument is classified by its type where the file shows it: a String is the bus's name, which the
 * native bus does not need.
 */
class BusIdentifierTest {

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

  @Test
  void aStringConstantAParameterAClassNameAndAConcatenationAreIdentifiers() throws IOException {
    write(
        "com/acme/Buses.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        public class Buses {
          private static final String NAME = "orders";
          private final String prefix = "shop-";

          EventBus constant() {
            return new EventBus(NAME);
          }

          EventBus parameter(String name) {
            return new EventBus(name);
          }

          EventBus className() {
            return new EventBus(Buses.class.getSimpleName());
          }

          EventBus concatenated(int id) {
            return new EventBus("shop-" + id);
          }

          EventBus field() {
            return new EventBus(this.prefix);
          }

          EventBus local() {
            return new EventBus(name());
          }

          String name() {
            return "local";
          }
        }
        """);

    MigrationResult result =
        MigrationHelper.migrateCode(root(), MigrationOptions.to(MigrationTarget.NATIVE));
    SampleApp.compile(root(), work.resolve("classes"));

    assertThat(result.manualSteps()).isEmpty();
    assertThat(read("com/acme/Buses.java"))
        .doesNotContain("new EventBus")
        .contains("return EventBusFactory.createDefault();");
  }

  @Test
  void aHandlerIsStillAHandlerAndAnUnknownArgumentSaysSoCorrectly() throws IOException {
    write(
        "com/acme/Names.java",
        """
        package com.acme;

        public final class Names {
          public static final String BUS = "orders";
        }
        """);
    write(
        "com/acme/Wiring.java",
        """
        package com.acme;

        import com.google.common.eventbus.EventBus;

        final class Wiring {
          final EventBus handled = new EventBus((exception, context) -> {});
          final EventBus named = new EventBus(Names.BUS);
        }
        """);

    MigrationResult result =
        MigrationHelper.migrateCode(root(), MigrationOptions.to(MigrationTarget.NATIVE));
    SampleApp.compile(root(), work.resolve("classes"));

    assertThat(result.manualSteps())
        .extracting(ManualStep::line, ManualStep::reason)
        .anySatisfy(
            step -> {
              assertThat(step.toList().get(0)).isEqualTo(6);
              assertThat((String) step.toList().get(1)).contains("with an exception handler");
            })
        .anySatisfy(
            step -> {
              assertThat(step.toList().get(0)).isEqualTo(7);
              assertThat((String) step.toList().get(1))
                  .contains("new EventBus(Names.BUS)")
                  .contains("is not known from this file")
                  .doesNotContain("with an exception handler");
            });
  }
}
