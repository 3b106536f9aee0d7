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
 * <p>Each case is one common convention: the imports as a formatter or checkstyle would accept
 * them, with the place the Guava imports stand before the step and the place the step's imports
 * must stand after it; the whole file is compared.
 */
class ImportOrderTest {

  /** The Guava imports of the file below, and what each step makes of them. */
  private static final String GUAVA =
      """
      import com.google.common.eventbus.EventBus;
      import com.google.common.eventbus.Subscribe;
      """;

  private static final String COMPAT =
      GUAVA.replace("com.google.common.eventbus", "dev.eventbus.compat.guava");
  private static final String NATIVE =
      """
      import dev.eventbus.api.Subscribe;
      import dev.eventbus.api.UnifiedEventBus;
      import dev.eventbus.processors.EventBusFactory;
      """;

  private static final String LEGACY_BODY =
      """

      class Listener {
        private final EventBus bus = new EventBus();

        Listener() {
          bus.register(this);
        }

        @Subscribe
        void on(Invoice invoice) {
          bus.post(List.of(invoice, Tool.class, Inject.class, Logger.class));
        }
      }
      """;

  @TempDir Path root;

  /** A Guava listener in package {@code com.acme} with these imports. */
  private static String file(String imports) {
    return "package com.acme;\n\n" + imports + LEGACY_BODY;
  }

  /** The listener after {@code --to native}, with these imports. */
  private static String nativeFile(String imports) {
    return file(imports)
        .replace(
            "EventBus bus = new EventBus()",
            "UnifiedEventBus bus = EventBusFactory.createDefault()")
        .replace("bus.post(", "bus.publish(");
  }

  /**
   * Migrates the listener with the imports {@code layout}, the Guava ones in place of {@code %1$s},
   * and expects the step's imports in place of {@code %2$s} instead.
   */
  private void assertImportsMove(String layout, MigrationTarget target) throws IOException {
    boolean compat = target == MigrationTarget.COMPAT;
    String after = layout.formatted("", compat ? COMPAT : NATIVE);
    assertThat(migrate(file(layout.formatted(GUAVA, "")), target))
        .isEqualTo(compat ? file(after) : nativeFile(after));
  }

  private String migrate(String source, MigrationTarget target) throws IOException {
    Path file = root.resolve("com/acme/Listener.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
    MigrationHelper.migrateCode(root, MigrationOptions.to(target));
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * checkstyle's {@code ImportOrder} with {@code groups=java,javax,org,com}, {@code separated},
   * statics on top: an import that matches no group belongs to the additional group at the end.
   */
  @Test
  void compat_groupsSeparatedByBlankLines_theChangedImportsGoToTheGroupOfTheirPackage()
      throws IOException {
    String groups =
        """
        import static java.util.Objects.requireNonNull;

        import java.util.List;

        import javax.inject.Inject;

        import org.slf4j.Logger;

        import com.acme.billing.Invoice;
        %simport com.zeta.Tool;
        """;

    assertThat(migrate(file(groups.formatted(GUAVA)), MigrationTarget.COMPAT))
        .isEqualTo(file(groups.formatted("") + "\n" + COMPAT));
  }

  /** A group left empty takes its blank line with it; the others keep theirs. */
  @Test
  void compat_aGroupOfOnlyGuavaImports_leavesNoDoubleBlankLine() throws IOException {
    String before = file("import java.util.List;\n\n" + GUAVA + "\nimport org.slf4j.Logger;\n");

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(file("import java.util.List;\n\nimport org.slf4j.Logger;\n\n" + COMPAT));
  }

  /**
   * google-java-format: statics in one block, then one block of every other import in ASCII order.
   * The native imports go between {@code com.zeta} and {@code java}, not where Guava's were.
   */
  @Test
  void native_oneSortedBlock_theNativeImportsAreSortedIn() throws IOException {
    String sorted =
        """
        import static java.util.Objects.requireNonNull;

        import com.acme.billing.Invoice;
        %1$simport com.zeta.Tool;
        %2$simport java.util.List;
        import javax.inject.Inject;
        import org.slf4j.Logger;
        """;

    assertImportsMove(sorted, MigrationTarget.NATIVE);
  }

  /**
   * IntelliJ IDEA's default layout: every other import, then {@code javax} and {@code java} (not in
   * ASCII order: a block that is not sorted is left as it is), statics last. The compat imports
   * join the block of other imports, in order; the statics stay at the bottom.
   */
  @Test
  void compat_intellijLayout_staticsLast_theChangedImportsStayInTheCatchAllBlock()
      throws IOException {
    String intellij =
        """
        import com.acme.billing.Invoice;
        %1$simport com.zeta.Tool;
        %2$simport org.slf4j.Logger;

        import javax.inject.Inject;
        import java.util.List;

        import static java.util.Objects.requireNonNull;
        """;

    assertImportsMove(intellij, MigrationTarget.COMPAT);
  }

  /** Imports sorted ignoring case ({@code caseSensitive=false}) are kept so. */
  @Test
  void native_caseInsensitiveOrder_isFollowed() throws IOException {
    String ignoringCase =
        """
        import com.acme.billing.Invoice;
        %1$simport com.zeta.Tool;
        %2$simport DevTools.Inject;
        import java.util.List;
        import org.slf4j.Logger;
        """;

    assertImportsMove(ignoringCase, MigrationTarget.NATIVE);
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
        file(
            """
            import org.slf4j.Logger;
            import com.google.common.eventbus.EventBus;
            import java.util.List;
            import com.google.common.eventbus.Subscribe;
            import com.acme.billing.Invoice;
            """);

    assertThat(migrate(before, MigrationTarget.COMPAT))
        .isEqualTo(before.replace("com.google.common.eventbus", "dev.eventbus.compat.guava"));
  }

  /** CR LF files get CR LF lines, wherever the import lands. */
  @Test
  void compat_crLfLineEndings_areKept() throws IOException {
    String imports =
        "import com.acme.billing.Invoice;\n%simport com.zeta.Tool;\n%simport java.util.List;\n";

    assertThat(
            migrate(
                file(imports.formatted(GUAVA, "")).replace("\n", "\r\n"), MigrationTarget.COMPAT))
        .isEqualTo(file(imports.formatted("", COMPAT)).replace("\n", "\r\n"));
  }
}
