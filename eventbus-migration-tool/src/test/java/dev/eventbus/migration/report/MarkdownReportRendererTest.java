package dev.eventbus.migration.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.migration.Finding;
import dev.eventbus.migration.FindingKind;
import dev.eventbus.migration.LegacyApi;
import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import dev.eventbus.migration.SampleTree;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

  private static final MigrationReport SAMPLE =
      MigrationHelper.checkCompatibility(SampleTree.root());

  private final String markdown = MarkdownReportRenderer.render(SAMPLE);

  @Test
  void sampleReportHasTheSectionsInOrder() {
    assertThat(markdown).startsWith(MarkdownReportRenderer.TITLE + "\n\n");
    int summary = markdown.indexOf("\n## Summary\n");
    int findings = markdown.indexOf("\n## Findings\n");
    int errors = markdown.indexOf("\n## Parse errors\n");
    assertThat(summary).isPositive();
    assertThat(findings).isGreaterThan(summary);
    assertThat(errors).isGreaterThan(findings);
    assertThat(markdown).endsWith(" |\n").doesNotEndWith("\n\n").doesNotContain("\r");
  }

  @Test
  void countsEqualTheReport() {
    MigrationReport.Summary summary = SAMPLE.summary();
    assertThat(markdown)
        .contains("- Root: `" + SampleTree.root() + "`\n")
        .contains("- Files scanned: 13\n")
        .contains("- Files with findings: 9\n")
        .contains("- Findings: 58 (" + summary.autoMigratable() + " auto-migratable)\n")
        .contains("- Parse errors: 1\n");
    StringBuilder byApi = new StringBuilder("| API | Findings |\n| --- | ---: |\n");
    summary
        .byApi()
        .forEach((id, n) -> byApi.append("| `").append(id).append("` | ").append(n).append(" |\n"));
    byApi.append("| **Total** | **58** |\n");
    StringBuilder byKind = new StringBuilder("| Kind | Findings |\n| --- | ---: |\n");
    summary
        .byKind()
        .forEach(
            (id, n) -> byKind.append("| `").append(id).append("` | ").append(n).append(" |\n"));
    byKind.append("| **Total** | **58** |\n");
    assertThat(markdown).contains(byApi).contains(byKind);
    assertThat(summary.byApi()).hasSize(LegacyApi.values().length);
    assertThat(summary.byKind()).hasSize(FindingKind.values().length);
  }

  @Test
  void findingsAreGroupedByFileOneRowEach() {
    List<String> files =
        SAMPLE.findings().stream().map(Finding::file).distinct().collect(Collectors.toList());
    List<String> headings =
        markdown.lines().filter(l -> l.startsWith("### ")).collect(Collectors.toList());
    assertThat(headings)
        .containsExactlyElementsOf(
            files.stream().map(f -> "### `" + f + "`").collect(Collectors.toList()));
    assertThat(markdown.lines().filter(l -> l.matches("\\| \\d+ \\| \\d+ \\| .* \\|")))
        .hasSize(SAMPLE.findings().size());
    assertThat(markdown)
        .contains(
            "### `com/acme/shipping/Shipping.java`\n\n"
                + "| Line | Column | API | Kind | Symbol | Auto-migratable | Suggestion |\n"
                + "| ---: | ---: | --- | --- | --- | --- | --- |\n"
                + "| 3 | 1 | `guava` | `import` | `com.google.common.eventbus.EventBus` | yes |")
        .contains(
            "| 20 | 15 | `guava` | `bus-call` | `com.google.common.eventbus.EventBus#post` | yes"
                + " | UnifiedEventBus.publish(event) |\n");
  }

  @Test
  void parseErrorsAreListed() {
    String section = markdown.substring(markdown.indexOf("## Parse errors"));
    assertThat(section)
        .startsWith("## Parse errors\n\n| File | Message |\n| --- | --- |\n")
        .contains("| `com/acme/broken/Broken.java` | line 6, column 12: Parse error.");
    assertThat(section.lines().filter(l -> l.startsWith("| `"))).hasSize(1);
  }

  @Test
  void outputIsDeterministic() {
    assertThat(MarkdownReportRenderer.render(MigrationHelper.checkCompatibility(SampleTree.root())))
        .isEqualTo(markdown);
  }

  @Test
  void escapesPipesBackticksAndMarkupExactly() {
    MigrationReport report =
        new MigrationReport(
            Path.of("/src/my|project"),
            3,
            1,
            List.of(new ParseError("odd`name|x.java", "line 1: found `|`\nexpected *id*")),
            List.of(
                new Finding(
                    "a/B.java",
                    7,
                    9,
                    LegacyApi.GUAVA,
                    FindingKind.BUS_CALL,
                    "com.google.common.eventbus.EventBus#post|`x`",
                    false,
                    "call `bus.publish(e)` | not <post>")));
    String zero = " | 0 |\n";
    assertThat(MarkdownReportRenderer.render(report))
        .isEqualTo(
            "# Legacy event-bus scan report\n"
                + "\n"
                + "- Root: `/src/my|project`\n"
                + "- Files scanned: 3\n"
                + "- Files with findings: 1\n"
                + "- Findings: 1 (0 auto-migratable)\n"
                + "- Parse errors: 1\n"
                + "\n"
                + "## Summary\n"
                + "\n"
                + "| API | Findings |\n"
                + "| --- | ---: |\n"
                + "| `vm-legacy`"
                + zero
                + "| `guava` | 1 |\n"
                + "| **Total** | **1** |\n"
                + "\n"
                + "| Kind | Findings |\n"
                + "| --- | ---: |\n"
                + "| `import`"
                + zero
                + "| `static-import`"
                + zero
                + "| `fully-qualified-reference`"
                + zero
                + "| `annotation`"
                + zero
                + "| `construction`"
                + zero
                + "| `singleton-access`"
                + zero
                + "| `bus-call` | 1 |\n"
                + "| `dead-event`"
                + zero
                + "| `exception-handler`"
                + zero
                + "| `subclass`"
                + zero
                + "| `reflection`"
                + zero
                + "| **Total** | **1** |\n"
                + "\n"
                + "## Findings\n"
                + "\n"
                + "### `a/B.java`\n"
                + "\n"
                + "| Line | Column | API | Kind | Symbol | Auto-migratable | Suggestion |\n"
                + "| ---: | ---: | --- | --- | --- | --- | --- |\n"
                + "| 7 | 9 | `guava` | `bus-call` | `` com.google.common.eventbus.EventBus#post\\|`x` ``"
                + " | no | call \\`bus.publish(e)\\` \\| not \\<post\\> |\n"
                + "\n"
                + "## Parse errors\n"
                + "\n"
                + "| File | Message |\n"
                + "| --- | --- |\n"
                + "| ``odd`name\\|x.java`` | line 1: found \\`\\|\\` expected \\*id\\* |\n");
  }

  @Test
  void emptyReportSaysSo() {
    MigrationReport empty = new MigrationReport(Path.of("/src"), 0, 0, List.of(), List.of());
    assertThat(MarkdownReportRenderer.render(empty))
        .contains("- Files scanned: 0\n")
        .contains("| `guava` | 0 |\n")
        .contains("## Findings\n\nNo findings.\n\n## Parse errors\n")
        .endsWith("## Parse errors\n\nNone.\n")
        .doesNotContain("###");
  }
}
