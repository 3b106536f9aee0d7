package dev.eventbus.migration.report;

import dev.eventbus.migration.Finding;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Markdown report for people: counts, summary tables by API and by kind, the findings grouped by
 * file and the files that did not parse. Written in GitHub-flavoured Markdown, for a pull-request
 * comment, a job summary or a file in the repository.
 *
 * <p>The output depends on the report alone: lines end with {@code \n} whatever the platform, and
 * the last line ends with one too.
 */
public final class MarkdownReportRenderer {

  /** The first line of every Markdown report. */
  public static final String TITLE = "# Legacy event-bus scan report";

  private static final String FINDINGS_HEADER =
      "| Line | Column | API | Kind | Symbol | Auto-migratable | Suggestion |";
  private static final String FINDINGS_ALIGNMENT = "| ---: | ---: | --- | --- | --- | --- | --- |";

  private MarkdownReportRenderer() {}

  /**
   * Renders the report as Markdown.
   *
   * @param report the scan's report
   * @return the Markdown text
   */
  public static String render(MigrationReport report) {
    MigrationReport.Summary summary = report.summary();
    Lines out = new Lines();
    out.add(TITLE).blank();
    out.add("- Root: " + Markdown.code(report.root().toString()));
    out.add("- Files scanned: " + report.filesScanned());
    out.add("- Files with findings: " + report.filesWithFindings());
    out.add(
        "- Findings: "
            + summary.totalFindings()
            + " ("
            + summary.autoMigratable()
            + " auto-migratable)");
    out.add("- Parse errors: " + summary.parseErrors()).blank();

    out.add("## Summary").blank();
    counts(out, "API", summary.byApi(), summary.totalFindings());
    counts(out, "Kind", summary.byKind(), summary.totalFindings());

    out.add("## Findings").blank();
    if (report.findings().isEmpty()) {
      out.add("No findings.").blank();
    }
    byFile(report.findings())
        .forEach(
            (file, findings) -> {
              out.add("### " + Markdown.code(file)).blank();
              out.add(FINDINGS_HEADER).add(FINDINGS_ALIGNMENT);
              for (Finding f : findings) {
                row(
                    out,
                    Integer.toString(f.line()),
                    Integer.toString(f.column()),
                    Markdown.code(f.api().id()),
                    Markdown.code(f.kind().id()),
                    Markdown.code(f.symbol()),
                    f.autoMigratable() ? "yes" : "no",
                    Markdown.text(f.suggestion()));
              }
              out.blank();
            });

    out.add("## Parse errors").blank();
    if (report.parseErrors().isEmpty()) {
      out.add("None.").blank();
    } else {
      out.add("| File | Message |").add("| --- | --- |");
      for (ParseError e : report.parseErrors()) {
        row(out, Markdown.code(e.file()), Markdown.text(e.message()));
      }
      out.blank();
    }
    return out.toString();
  }

  private static void counts(Lines out, String label, Map<String, Integer> counts, int total) {
    out.add("| " + label + " | Findings |").add("| --- | ---: |");
    counts.forEach((id, count) -> row(out, Markdown.code(id), Integer.toString(count)));
    row(out, "**Total**", "**" + total + "**");
    out.blank();
  }

  private static Map<String, List<Finding>> byFile(List<Finding> findings) {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : findings) {
      byFile.computeIfAbsent(f.file(), file -> new ArrayList<>()).add(f);
    }
    return byFile;
  }

  private static void row(Lines out, String... cells) {
    StringBuilder row = new StringBuilder("|");
    for (String cell : cells) {
      row.append(' ').append(Markdown.cell(cell)).append(" |");
    }
    out.add(row.toString());
  }

  /** Lines joined with {@code \n}; never two blank lines in a row. */
  private static final class Lines {
    private final StringBuilder text = new StringBuilder();

    Lines add(String line) {
      text.append(line).append('\n');
      return this;
    }

    Lines blank() {
      int n = text.length();
      if (n < 2 || text.charAt(n - 1) != '\n' || text.charAt(n - 2) != '\n') {
        text.append('\n');
      }
      return this;
    }

    @Override
    public String toString() {
      int n = text.length();
      boolean trailingBlank = n >= 2 && text.charAt(n - 1) == '\n' && text.charAt(n - 2) == '\n';
      return trailingBlank ? text.substring(0, n - 1) : text.toString();
    }
  }
}
