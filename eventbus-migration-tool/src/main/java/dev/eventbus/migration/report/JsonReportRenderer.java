package dev.eventbus.migration.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventbus.migration.Finding;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import java.util.Map;

/** The JSON form of a report, schema version {@value #SCHEMA_VERSION}. */
public final class JsonReportRenderer {

  /** Bumped whenever a field is renamed or removed. */
  public static final int SCHEMA_VERSION = 1;

  private JsonReportRenderer() {}

  /**
   * Renders the report as pretty-printed JSON.
   *
   * @param report the scan's report
   * @return the JSON text
   */
  public static String render(MigrationReport report) {
    ObjectNode json = JsonSupport.MAPPER.createObjectNode();
    json.put("schemaVersion", SCHEMA_VERSION);
    json.put("root", report.root().toString());
    json.put("filesScanned", report.filesScanned());
    json.put("filesWithFindings", report.filesWithFindings());
    ArrayNode errors = json.putArray("parseErrors");
    for (ParseError error : report.parseErrors()) {
      errors.addObject().put("file", error.file()).put("message", error.message());
    }
    ArrayNode findings = json.putArray("findings");
    for (Finding finding : report.findings()) {
      findings
          .addObject()
          .put("file", finding.file())
          .put("line", finding.line())
          .put("column", finding.column())
          .put("api", finding.api().id())
          .put("kind", finding.kind().id())
          .put("symbol", finding.symbol())
          .put("autoMigratable", finding.autoMigratable())
          .put("suggestion", finding.suggestion());
    }
    MigrationReport.Summary summary = report.summary();
    ObjectNode summaryJson = json.putObject("summary");
    summaryJson.put("totalFindings", summary.totalFindings());
    summaryJson.put("autoMigratable", summary.autoMigratable());
    summaryJson.put("parseErrors", summary.parseErrors());
    putCounts(summaryJson.putObject("byApi"), summary.byApi());
    putCounts(summaryJson.putObject("byKind"), summary.byKind());
    return JsonSupport.write(json);
  }

  private static void putCounts(ObjectNode node, Map<String, Integer> counts) {
    counts.forEach(node::put);
  }
}
