package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when test of {@code migrate}: a copy of the sample application, migrated to each target,
 * still compiles and, run against the buses, delivers exactly what the original delivers; a second
 * run changes nothing; only lines with legacy uses change.
 */
class SampleAppMigrationTest {

  /** What a changed line must mention: the legacy code that was on it. */
  private static final Pattern LEGACY_LINE =
      Pattern.compile("eventbus|EventBus|DomainEvent|Subscribe|AllowConcurrentEvents|post\\b");

  @TempDir Path work;

  private Path copyOfSample() throws IOException {
    Path copy = work.resolve("src");
    Path root = SampleApp.root();
    for (Path file : SampleApp.sourceFiles(root)) {
      Path target = copy.resolve(root.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    return copy;
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private List<String> compileAndRun(Path sources, String name) {
    return SampleApp.run(SampleApp.compile(sources, work.resolve("classes-" + name)));
  }

  @Test
  void toCompatCompilesAndDeliversTheSameEvents() throws IOException {
    Path sources = copyOfSample();

    MigrationResult result =
        MigrationHelper.migrateCode(sources, MigrationOptions.to(MigrationTarget.COMPAT));

    assertThat(result.parseErrors()).isEmpty();
    assertThat(result.manualSteps()).isEmpty();
    assertThat(result.changes())
        .allSatisfy(c -> assertThat(c.target()).isEqualTo(MigrationTarget.COMPAT));
    assertThat(contents(sources).values())
        .noneMatch(text -> text.contains("import com.google.common.eventbus"))
        .noneMatch(text -> text.contains("@com.google.common.eventbus"));
    assertThat(compileAndRun(sources, "compat"))
        .containsExactlyElementsOf(SampleAppTest.EXPECTED_LOG);
    assertSecondRunChangesNothing(sources, MigrationTarget.COMPAT);
    assertOnlyLegacyLinesChanged(result);
  }

  @Test
  void toNativeCompilesDeliversTheSameEventsAndListsTheRest() throws IOException {
    Path sources = copyOfSample();

    MigrationResult result =
        MigrationHelper.migrateCode(sources, MigrationOptions.to(MigrationTarget.NATIVE));

    assertThat(result.parseErrors()).isEmpty();
    assertThat(compileAndRun(sources, "native"))
        .containsExactlyElementsOf(SampleAppTest.EXPECTED_LOG);
    assertSecondRunChangesNothing(sources, MigrationTarget.NATIVE);
    assertOnlyLegacyLinesChanged(result);

    // The storefront moves to the unified API; payments and the warehouse need a person.
    Map<String, MigrationTarget> targets = new TreeMap<>();
    result.changes().forEach(c -> targets.put(c.file(), c.target()));
    assertThat(targets)
        .containsEntry("com/acme/shop/app/GuavaShop.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/shop/orders/OrderService.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/shop/billing/BillingListener.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/shop/shipping/ShippingListener.java", MigrationTarget.NATIVE)
        .containsEntry("com/acme/shop/app/PaymentsShop.java", MigrationTarget.COMPAT);
    Map<String, String> migrated = contents(sources);
    assertThat(migrated.get("com/acme/shop/app/GuavaShop.java"))
        .contains("EventBusFactory.createDefault()")
        .doesNotContain("com.google.common.eventbus.EventBus staffBus")
        .doesNotContain("dev.eventbus.compat");
    assertThat(result.manualSteps())
        .extracting(ManualStep::file)
        .contains("com/acme/shop/app/PaymentsShop.java", "com/acme/shop/app/WarehouseShop.java")
        .doesNotContain("com/acme/shop/app/GuavaShop.java");
    assertThat(result.manualSteps()).allSatisfy(step -> assertThat(step.reason()).isNotBlank());
  }

  @Test
  void nativeAfterCompatEndsWhereNativeAloneEnds() throws IOException {
    Path direct = copyOfSample();
    MigrationHelper.migrateCode(direct, MigrationOptions.to(MigrationTarget.NATIVE));
    Map<String, String> expected = contents(direct);

    Path stepwise = work.resolve("stepwise");
    Files.move(direct, work.resolve("direct"));
    Path again = copyOfSample();
    Files.move(again, stepwise);
    MigrationHelper.migrateCode(stepwise, MigrationOptions.to(MigrationTarget.COMPAT));
    MigrationHelper.migrateCode(stepwise, MigrationOptions.to(MigrationTarget.NATIVE));

    assertThat(contents(stepwise)).isEqualTo(expected);
  }

  @Test
  void scanMarksAutoMigratableExactlyWhatNativeRewritesInTheFilesItMoves() throws IOException {
    Path sources = copyOfSample();
    MigrationReport report = MigrationHelper.checkCompatibility(sources);

    MigrationResult result =
        MigrationHelper.migrateCode(
            sources, MigrationOptions.to(MigrationTarget.NATIVE).asDryRun());

    List<String> movedToNative =
        result.changes().stream()
            .filter(c -> c.target() == MigrationTarget.NATIVE)
            .map(FileChange::file)
            .toList();
    assertThat(movedToNative).hasSizeGreaterThan(3);
    assertThat(report.findings())
        .filteredOn(f -> movedToNative.contains(f.file()))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.autoMigratable()).as(f.toString()).isTrue());
  }

  @Test
  void aDryRunOfTheSampleLeavesEveryByteInPlace() throws IOException {
    Path sources = copyOfSample();
    Map<String, String> before = contents(sources);

    MigrationResult result =
        MigrationHelper.migrateCode(
            sources, MigrationOptions.to(MigrationTarget.NATIVE).asDryRun());

    assertThat(contents(sources)).isEqualTo(before);
    assertThat(result.changes()).isNotEmpty();
    assertThat(result.unifiedDiff()).contains("+++ b/com/acme/shop/app/GuavaShop.java");
  }

  private static void assertSecondRunChangesNothing(Path sources, MigrationTarget target)
      throws IOException {
    Map<String, String> once = contents(sources);
    MigrationResult again = MigrationHelper.migrateCode(sources, MigrationOptions.to(target));
    assertThat(again.changes()).as("second run of " + target).isEmpty();
    assertThat(contents(sources)).isEqualTo(once);
  }

  /** Every line that differs held a legacy use: the rest of each file is untouched. */
  private static void assertOnlyLegacyLinesChanged(MigrationResult result) {
    for (FileChange change : result.changes()) {
      List<String> before = change.before().lines().toList();
      for (AbstractDelta<String> delta :
          DiffUtils.diff(before, change.after().lines().toList()).getDeltas()) {
        assertThat(delta.getSource().getLines())
            .as("lines changed in " + change.file())
            .allMatch(line -> LEGACY_LINE.matcher(line).find());
      }
      assertThat(lineEndings(change.after())).isEqualTo(lineEndings(change.before()));
    }
  }

  private static String lineEndings(String text) {
    return text.contains("\r\n") ? "CRLF" : "LF";
  }
}
