package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17, deliverable 5: a second sample application, {@code src/test/resources/sample-wiring},
 * with the patterns that broke migrations of real code bases: a bus field inherited from a
 * superclass, a bus from a method, a bus built by a DI-style module with an exception handler, a
 * library's subclass of Guava's bus (compiled from {@code sample-lib} into a class directory of its
 * own, like a jar), reflection into Guava's package, a non-literal bus identifier and a custom
 * import order. It is migrated both ways, compiled with {@code javax.tools} against the library and
 * the buses, run, and must deliver exactly what the original delivers.
 */
class WiringSampleMigrationTest {

  private static final List<String> EXPECTED_LOG =
      List.of(
          "OrderLog got placed o-1",
          "OrderLog got cancelled o-1",
          "AuditListener got 4200",
          "PluginListener got plugin loaded",
          "StockListener got 7",
          "Internals found EventBus true");

  @TempDir Path work;
  private List<Path> library;

  @BeforeEach
  void compileTheLibrary() {
    library = List.of(SampleApp.compile(SampleTree.resource("/sample-lib"), work.resolve("lib")));
  }

  private Path copyOfSample(String name) throws IOException {
    Path copy = work.resolve(name);
    Path root = SampleTree.resource("/sample-wiring");
    for (Path file : SampleApp.sourceFiles(root)) {
      Path target = copy.resolve(root.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    return copy;
  }

  private List<String> compileAndRun(Path sources) {
    Path classes = work.resolve("classes-" + sources.getFileName());
    return SampleApp.run(SampleApp.compile(sources, classes, library), library);
  }

  private static String read(Path root, String file) throws IOException {
    return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
  }

  @Test
  void theOriginalDeliversEveryEvent() throws IOException {
    assertThat(compileAndRun(copyOfSample("original"))).isEqualTo(EXPECTED_LOG);
  }

  @ParameterizedTest
  @EnumSource(MigrationTarget.class)
  void eachStepCompilesAndDeliversWhatTheOriginalDelivers(MigrationTarget target)
      throws IOException {
    Path original = copyOfSample("original");
    Path sources = copyOfSample(target.name().toLowerCase(java.util.Locale.ROOT));

    MigrationResult result = MigrationHelper.migrateCode(sources, MigrationOptions.to(target));

    assertThat(result.parseErrors()).isEmpty();
    assertThat(compileAndRun(sources)).isEqualTo(EXPECTED_LOG);
    // Left alone by both steps: reflection into Guava, and the listener of the library's bus.
    for (String untouched :
        List.of(
            "com/acme/shop/app/Internals.java", "com/acme/wiring/plugins/PluginListener.java")) {
      assertThat(read(sources, untouched)).isEqualTo(read(original, untouched));
      assertThat(result.manualSteps()).extracting(ManualStep::file).contains(untouched);
    }
    MigrationResult again = MigrationHelper.migrateCode(sources, MigrationOptions.to(target));
    assertThat(again.changes()).as("a second run of " + target).isEmpty();
  }

  @Test
  void nativeMovesOnlyWhatItCanProve() throws IOException {
    Path sources = copyOfSample("native");

    MigrationResult result =
        MigrationHelper.migrateCode(sources, MigrationOptions.to(MigrationTarget.NATIVE));

    Map<String, MigrationTarget> targets = new TreeMap<>();
    result.changes().forEach(c -> targets.put(c.file(), c.target()));
    assertThat(targets)
        .containsEntry("com/acme/wiring/stock/StockShop.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/wiring/stock/StockListener.java", MigrationTarget.NATIVE)
        // post on an inherited field and on getEventBus(): the compiler's types show that both
        // are the bus BaseService declares, so the declaration moves with the calls on it, and
        // the listener registered on getEventBus() moves too (docs/migration.md)
        .containsEntry("com/acme/wiring/orders/BaseService.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/wiring/orders/OrderService.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/wiring/orders/OrderLog.java", MigrationTarget.NATIVE)
        // the module has an exception handler; its listener stays with it
        .containsEntry("com/acme/wiring/audit/BusModule.java", MigrationTarget.COMPAT)
        .containsEntry("com/acme/wiring/audit/AuditListener.java", MigrationTarget.COMPAT);
    // The custom import order: java first, then the rest, statics last.
    assertThat(read(sources, "com/acme/wiring/stock/StockListener.java"))
        .contains(
            """
            import java.util.List;

            import dev.eventbus.api.Subscribe;

            import static java.util.Objects.requireNonNull;
            """);
  }
}
