package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 5: a rewritten or added import goes where the file's own import order puts it,
 * and the imports the step does not touch stay where they are. Before the fix the compat step
 * changed {@code com.google.common.eventbus} to {@code dev.eventbus.compat.guava} in place and the
 * native step wrote its imports where the first Guava import had been, so a code base whose
 * checkstyle {@code ImportOrder} rule passed before failed on every changed file after.
 *
 * <p>Each case is one common convention, written out as the file a formatter or checkstyle would
 * accept, and the exact file the step must leave.
 */
class ImportOrderTest {

  @TempDir Path root;

  private String migrate(String source, MigrationTarget target) throws IOException {
    Path file = root.resolve("com/acme/Listener.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
    MigrationHelper.migrateCode(root, MigrationOptions.to(target));
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String body(String busType) {
    return """

        class Listener {
          private final %s bus = new %s();

          @Subscribe
          void on(Invoice invoice) {
            bus.post(List.of(invoice, Tool.class, Inject.class, Logger.class));
          }
        }
        """
        .formatted(busType, busType);
  }

  /**
   * checkstyle's {@code ImportOrder} with {@code groups=java,javax,org,com}, {@code separated},
   * statics on top: an import that matches no group belongs to the additional group at the end.
   */
  @Test
  void compat_groupsSeparatedByBlankLines_theChangedImportsGoToTheGroupOfTheirPackage()
      throws IOException {
    String before =
        """
        package com.acme;

        import static java.util.Objects.requireNonNull;

        import java.util.List;

        import javax.inject.Inject;

        import org.slf4j.Logger;

        import com.acme.billing.Invoice;
        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.Subscribe;
        import com.zeta.Tool;
        """
            + body("EventBus");

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(
            """
            package com.acme;

            import static java.util.Objects.requireNonNull;

            import java.util.List;

            import javax.inject.Inject;

            import org.slf4j.Logger;

            import com.acme.billing.Invoice;
            import com.zeta.Tool;

            import dev.eventbus.compat.guava.EventBus;
            import dev.eventbus.compat.guava.Subscribe;
            """
                + body("EventBus"));
  }

  /** A group left empty takes its blank line with it; the others keep theirs. */
  @Test
  void compat_aGroupOfOnlyGuavaImports_leavesNoDoubleBlankLine() throws IOException {
    String before =
        """
        package com.acme;

        import java.util.List;

        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.Subscribe;

        import org.slf4j.Logger;
        """
            + body("EventBus");

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(
            """
            package com.acme;

            import java.util.List;

            import org.slf4j.Logger;

            import dev.eventbus.compat.guava.EventBus;
            import dev.eventbus.compat.guava.Subscribe;
            """
                + body("EventBus"));
  }

  /**
   * google-java-format: statics in one block, then one block of every other import in ASCII order.
   * The native imports go between {@code com.zeta} and {@code java}, not where Guava's were.
   */
  @Test
  void native_oneSortedBlock_theNativeImportsAreSortedIn() throws IOException {
    String before =
        """
        package com.acme;

        import static java.util.Objects.requireNonNull;

        import com.acme.billing.Invoice;
        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.Subscribe;
        import com.zeta.Tool;
        import java.util.List;
        import javax.inject.Inject;
        import org.slf4j.Logger;
        """
            + body("EventBus");

    assertThat(migrate(before, MigrationTarget.NATIVE))
        .isEqualTo(
            """
            package com.acme;

            import static java.util.Objects.requireNonNull;

            import com.acme.billing.Invoice;
            import com.zeta.Tool;
            import dev.eventbus.api.Subscribe;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;
            import java.util.List;
            import javax.inject.Inject;
            import org.slf4j.Logger;
            """
                + body("UnifiedEventBus")
                    .replace("new UnifiedEventBus()", "EventBusFactory.createDefault()")
                    .replace("bus.post(", "bus.publish("));
  }

  /**
   * IntelliJ IDEA's default layout: every other import, then {@code javax} and {@code java} (not in
   * ASCII order: a block that is not sorted is left as it is), statics last. The compat imports
   * join the block of other imports, in order; the statics stay at the bottom.
   */
  @Test
  void compat_intellijLayout_staticsLast_theChangedImportsStayInTheCatchAllBlock()
      throws IOException {
    String before =
        """
        package com.acme;

        import com.acme.billing.Invoice;
        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.Subscribe;
        import com.zeta.Tool;
        import org.slf4j.Logger;

        import javax.inject.Inject;
        import java.util.List;

        import static java.util.Objects.requireNonNull;
        """
            + body("EventBus");

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(
            """
            package com.acme;

            import com.acme.billing.Invoice;
            import com.zeta.Tool;
            import dev.eventbus.compat.guava.EventBus;
            import dev.eventbus.compat.guava.Subscribe;
            import org.slf4j.Logger;

            import javax.inject.Inject;
            import java.util.List;

            import static java.util.Objects.requireNonNull;
            """
                + body("EventBus"));
  }

  /** Imports sorted ignoring case ({@code caseSensitive=false}) are kept so. */
  @Test
  void native_caseInsensitiveOrder_isFollowed() throws IOException {
    String before =
        """
        package com.acme;

        import com.acme.billing.Invoice;
        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.Subscribe;
        import com.zeta.Tool;
        import DevTools.Inject;
        import java.util.List;
        import org.slf4j.Logger;
        """
            + body("EventBus");

    assertThat(migrate(before, MigrationTarget.NATIVE))
        .startsWith(
            """
            package com.acme;

            import com.acme.billing.Invoice;
            import com.zeta.Tool;
            import dev.eventbus.api.Subscribe;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;
            import DevTools.Inject;
            import java.util.List;
            import org.slf4j.Logger;

            class Listener {
            """);
  }

  /**
   * A native import a file did not have (the Guava name was written out in full) goes into the
   * order too, not after the last import.
   */
  @Test
  void native_anAddedImportWithoutAGuavaImport_isSortedIn() throws IOException {
    String before =
        """
        package com.acme;

        import java.util.List;
        import org.slf4j.Logger;

        class Listener {
          private final List<Logger> loggers = List.of();
          private final com.google.common.eventbus.EventBus bus =
              new com.google.common.eventbus.EventBus();
        }
        """;

    assertThat(migrate(before, MigrationTarget.NATIVE))
        .isEqualTo(
            """
            package com.acme;

            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;
            import java.util.List;
            import org.slf4j.Logger;

            class Listener {
              private final List<Logger> loggers = List.of();
              private final UnifiedEventBus bus =
                  EventBusFactory.createDefault();
            }
            """);
  }

  /**
   * Imports in no order the tool can tell: the changed ones stay where they were, as before the
   * fix, and nothing else moves.
   */
  @Test
  void compat_unsortedImports_stayInPlace() throws IOException {
    String before =
        """
        package com.acme;

        import org.slf4j.Logger;
        import com.google.common.eventbus.EventBus;
        import java.util.List;
        import com.google.common.eventbus.Subscribe;
        import com.acme.billing.Invoice;
        """
            + body("EventBus");

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(before.replace("com.google.common.eventbus", "dev.eventbus.compat.guava"));
  }

  /** CR LF files get CR LF lines, wherever the import lands. */
  @Test
  void compat_crLfLineEndings_areKept() throws IOException {
    String before =
        ("package com.acme;\n\nimport com.acme.billing.Invoice;\n"
                + "import com.google.common.eventbus.EventBus;\nimport com.google.common.eventbus.Subscribe;\n"
                + "import com.zeta.Tool;\nimport java.util.List;\n"
                + body("EventBus"))
            .replace("\n", "\r\n");

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(
            ("package com.acme;\n\nimport com.acme.billing.Invoice;\nimport com.zeta.Tool;\n"
                    + "import dev.eventbus.compat.guava.EventBus;\n"
                    + "import dev.eventbus.compat.guava.Subscribe;\nimport java.util.List;\n"
                    + body("EventBus"))
                .replace("\n", "\r\n"));
  }
}
