package dev.eventbus.migration.report;

import dev.eventbus.migration.Finding;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import java.util.Map;

/** A plain-text report, one finding a line, in the {@code file:line:column} form editors link. */
public final class TextReportRenderer {

  private TextReportRenderer() {}

  /**
   * Renders the report as text.
   *
   * @param report the scan's report
   * @return the text: one line per finding, then per parse error, then a summary
   */
  public static String render(MigrationReport report) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder();
    for (Finding f : report.findings()) {
      out.append(f.file())
          .append(':')
          .append(f.line())
          .append(':')
          .append(f.column())
          .append(": [")
          .append(f.api().id())
          .append("] ")
          .append(f.kind().id())
          .append(' ')
          .append(f.symbol())
          .append(f.autoMigratable() ? " (auto)" : " (manual)")
          .append(" - ")
          .append(f.suggestion())
          .append(nl);
    }
    for (ParseError e : report.parseErrors()) {
      out.append(e.file()).append(": parse error: ").append(e.message()).append(nl);
    }
    MigrationReport.Summary summary = report.summary();
    out.append("Scanned ")
        .append(report.filesScanned())
        .append(" files under ")
        .append(report.root())
        .append(": ")
        .append(summary.totalFindings())
        .append(" findings in ")
        .append(report.filesWithFindings())
        .append(" files (")
        .append(summary.autoMigratable())
        .append(" auto-migratable), ")
        .append(summary.parseErrors())
        .append(" parse errors")
        .append(nl);
    appendCounts(out, "by api", summary.byApi(), nl);
    appendCounts(out, "by kind", summary.byKind(), nl);
    return out.toString();
  }

  private static void appendCounts(
      StringBuilder out, String title, Map<String, Integer> counts, String nl) {
    StringBuilder line = new StringBuilder();
    counts.forEach(
        (key, count) -> {
          if (count > 0) {
            line.append(line.length() == 0 ? "" : ", ").append(key).append('=').append(count);
          }
        });
    if (line.length() > 0) {
      out.append("  ").append(title).append(": ").append(line).append(nl);
    }
  }
}
