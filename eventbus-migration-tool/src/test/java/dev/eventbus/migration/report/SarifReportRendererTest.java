package dev.eventbus.migration.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.migration.Finding;
import dev.eventbus.migration.FindingKind;
import dev.eventbus.migration.LegacyApi;
import dev.eventbus.migration.MigrationHelper;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import dev.eventbus.migration.SampleTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SarifReportRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = SarifReportRenderer.FINGERPRINT_KEY;

  private static final MigrationReport SAMPLE =
      MigrationHelper.checkCompatibility(SampleTree.root());

  private final String rendered = SarifReportRenderer.render(SAMPLE);
  private final JsonNode sarif = parse(rendered);
  private final JsonNode run = sarif.get("runs").get(0);

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode runOf(MigrationReport report) {
    return parse(SarifReportRenderer.render(report)).get("runs").get(0);
  }

  private static Finding finding(
      String file, int line, int column, FindingKind kind, String symbol) {
    return new Finding(file, line, column, LegacyApi.GUAVA, kind, symbol, true, "do better");
  }

  private static MigrationReport report(Finding... findings) {
    long files = List.of(findings).stream().map(Finding::file).distinct().count();
    return new MigrationReport(
        Path.of("/src").toAbsolutePath(), (int) files, (int) files, List.of(), List.of(findings));
  }

  private static List<String> fingerprints(JsonNode run) {
    List<String> prints = new ArrayList<>();
    run.get("results").forEach(r -> prints.add(r.get("partialFingerprints").get(KEY).textValue()));
    return prints;
  }

  @Test
  void hasTheTopLevelPropertiesGitHubRequires() {
    assertThat(sarif.get("$schema").textValue())
        .isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(sarif.get("version").textValue()).isEqualTo("2.1.0");
    assertThat(sarif.get("runs").size()).isEqualTo(1);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").textValue()).isEqualTo("eventbus-migration-tool");
    assertThat(driver.get("informationUri").textValue()).startsWith("https://");
    assertThat(driver.get("semanticVersion").textValue()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(driver.get("version").textValue()).isEqualTo(SarifReportRenderer.TOOL_VERSION);
    assertThat(rendered).endsWith(System.lineSeparator());
  }

  @Test
  void listsOneRuleForEveryApiAndKindInAFixedOrder() {
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertThat(rules.size()).isEqualTo(LegacyApi.values().length * FindingKind.values().length);
    List<String> ids = new ArrayList<>();
    for (JsonNode rule : rules) {
      ids.add(rule.get("id").textValue());
      assertThat(rule.get("id").textValue()).matches("(vm-legacy|guava)/[a-z-]+");
      assertThat(rule.get("name").textValue()).matches("([A-Z][a-z]+)+");
      assertThat(rule.get("shortDescription").get("text").textValue()).isNotBlank();
      assertThat(rule.get("fullDescription").get("text").textValue()).isNotBlank();
      assertThat(rule.get("help").get("text").textValue()).isNotBlank();
      assertThat(rule.get("defaultConfiguration").get("level").textValue()).isEqualTo("warning");
      assertThat(rule.get("properties").get("tags").isArray()).isTrue();
      assertThat(rule.get("properties").get("tags").size()).isPositive();
    }
    assertThat(ids).doesNotHaveDuplicates().isEqualTo(SarifReportRenderer.ruleIds());
    assertThat(ids.get(0)).isEqualTo("vm-legacy/import");
    int busCall = SarifReportRenderer.ruleIndex(LegacyApi.GUAVA, FindingKind.BUS_CALL);
    assertThat(rules.get(busCall).get("id").textValue()).isEqualTo("guava/bus-call");
    assertThat(rules.get(busCall).get("name").textValue()).isEqualTo("GuavaBusCall");
    assertThat(ids)
        .contains(
            "vm-legacy/singleton-access",
            "guava/dead-event",
            "vm-legacy/fully-qualified-reference");
  }

  @Test
  void ruleListIsTheSameForAnEmptyAndAFullReport() {
    MigrationReport empty = new MigrationReport(Path.of("/elsewhere"), 0, 0, List.of(), List.of());
    JsonNode emptyRun = runOf(empty);
    assertThat(emptyRun.get("tool")).isEqualTo(run.get("tool"));
    assertThat(emptyRun.get("results").size()).isZero();
  }

  @Test
  void everyResultPointsAtItsRuleAndItsFinding() {
    JsonNode rules = run.get("tool").get("driver").get("rules");
    JsonNode results = run.get("results");
    assertThat(results.size()).isEqualTo(SAMPLE.findings().size());
    for (int i = 0; i < results.size(); i++) {
      JsonNode result = results.get(i);
      Finding finding = SAMPLE.findings().get(i);
      String ruleId = result.get("ruleId").textValue();
      assertThat(ruleId).isEqualTo(finding.api().id() + "/" + finding.kind().id());
      assertThat(rules.get(result.get("ruleIndex").intValue()).get("id").textValue())
          .isEqualTo(ruleId);
      assertThat(result.get("level").textValue()).isEqualTo("warning");
      assertThat(result.get("message").get("text").textValue())
          .isEqualTo(finding.symbol() + ": " + finding.suggestion());
      JsonNode physical = result.get("locations").get(0).get("physicalLocation");
      String uri = physical.get("artifactLocation").get("uri").textValue();
      assertThat(uri).isEqualTo(finding.file()).doesNotContain("\\").doesNotStartWith("/");
      assertThat(physical.get("artifactLocation").get("uriBaseId").textValue())
          .isEqualTo("%SRCROOT%");
      assertThat(physical.get("region").get("startLine").intValue())
          .isEqualTo(finding.line())
          .isGreaterThanOrEqualTo(1);
      assertThat(physical.get("region").get("startColumn").intValue())
          .isEqualTo(finding.column())
          .isGreaterThanOrEqualTo(1);
      assertThat(result.get("properties").get("autoMigratable").booleanValue())
          .isEqualTo(finding.autoMigratable());
    }
  }

  @Test
  void srcRootIsTheScannedRootAsADirectoryUri() {
    String uri = run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").textValue();
    assertThat(uri).startsWith("file:/").endsWith("/");
    assertThat(Path.of(java.net.URI.create(uri))).isEqualTo(SampleTree.root());
    MigrationReport relative =
        new MigrationReport(Path.of("not-there"), 0, 0, List.of(), List.of());
    assertThat(runOf(relative).get("originalUriBaseIds").get("%SRCROOT%").get("uri").textValue())
        .isEqualTo(Path.of("not-there").toAbsolutePath().toUri() + "/");
  }

  @Test
  void fingerprintsAreStableAndDistinct() {
    assertThat(SarifReportRenderer.render(MigrationHelper.checkCompatibility(SampleTree.root())))
        .isEqualTo(rendered);
    List<String> prints = fingerprints(run);
    assertThat(prints).doesNotHaveDuplicates().allMatch(p -> p.matches("[0-9a-f]{32}"));
  }

  @Test
  void fingerprintsIgnoreTheLineButCountRepeatedFindings() {
    String subscribe = "com.google.common.eventbus.Subscribe";
    MigrationReport before =
        report(
            finding("a/A.java", 3, 1, FindingKind.ANNOTATION, subscribe),
            finding("a/A.java", 9, 1, FindingKind.ANNOTATION, subscribe),
            finding("a/B.java", 3, 1, FindingKind.ANNOTATION, subscribe),
            finding("a/B.java", 4, 1, FindingKind.IMPORT, subscribe));
    MigrationReport shifted =
        report(
            finding("a/A.java", 13, 5, FindingKind.ANNOTATION, subscribe),
            finding("a/A.java", 19, 5, FindingKind.ANNOTATION, subscribe),
            finding("a/B.java", 4, 1, FindingKind.ANNOTATION, subscribe),
            finding("a/B.java", 5, 1, FindingKind.IMPORT, subscribe));
    List<String> printsBefore = fingerprints(runOf(before));
    assertThat(printsBefore).doesNotHaveDuplicates();
    assertThat(fingerprints(runOf(shifted))).isEqualTo(printsBefore);

    MigrationReport otherSymbol =
        report(finding("a/A.java", 3, 1, FindingKind.ANNOTATION, subscribe + "2"));
    assertThat(fingerprints(runOf(otherSymbol)).get(0)).isNotEqualTo(printsBefore.get(0));
  }

  @Test
  void positionsAreNeverZero() {
    JsonNode region =
        runOf(report(finding("A.java", 0, 0, FindingKind.IMPORT, "com.google.common.eventbus.*")))
            .get("results")
            .get(0)
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("region");
    assertThat(region.get("startLine").intValue()).isEqualTo(1);
    assertThat(region.get("startColumn").intValue()).isEqualTo(1);
  }

  @Test
  void parseErrorsAreErrorNotificationsOfASuccessfulRun() {
    JsonNode invocations = run.get("invocations");
    assertThat(invocations.size()).isEqualTo(1);
    JsonNode invocation = invocations.get(0);
    assertThat(invocation.get("executionSuccessful").booleanValue()).isTrue();
    JsonNode notifications = invocation.get("toolExecutionNotifications");
    assertThat(notifications.size()).isEqualTo(SAMPLE.parseErrors().size()).isEqualTo(1);
    JsonNode notification = notifications.get(0);
    assertThat(notification.get("level").textValue()).isEqualTo("error");
    assertThat(notification.get("message").get("text").textValue())
        .endsWith(SAMPLE.parseErrors().get(0).message());
    JsonNode artifact =
        notification.get("locations").get(0).get("physicalLocation").get("artifactLocation");
    assertThat(artifact.get("uri").textValue()).isEqualTo("com/acme/broken/Broken.java");
    assertThat(artifact.get("uriBaseId").textValue()).isEqualTo("%SRCROOT%");
    Set<String> resultFiles =
        new HashSet<>(SAMPLE.findings().stream().map(Finding::file).collect(Collectors.toList()));
    assertThat(resultFiles).doesNotContain("com/acme/broken/Broken.java");
  }

  @Test
  void notificationsFollowTheParseErrors() {
    MigrationReport clean =
        new MigrationReport(
            Path.of("/src"), 1, 0, List.of(new ParseError("X.java", "bad")), List.of());
    assertThat(runOf(clean).get("invocations").get(0).get("toolExecutionNotifications").size())
        .isEqualTo(1);
    MigrationReport none = new MigrationReport(Path.of("/src"), 1, 0, List.of(), List.of());
    JsonNode invocation = runOf(none).get("invocations").get(0);
    assertThat(invocation.get("executionSuccessful").booleanValue()).isTrue();
    assertThat(invocation.get("toolExecutionNotifications").size()).isZero();
  }

  @Test
  void relativeUrisArePercentEncodedWithForwardSlashes() {
    assertThat(SarifReportRenderer.relativeUri("com/acme/A.java")).isEqualTo("com/acme/A.java");
    assertThat(SarifReportRenderer.relativeUri("my dir/\u00fc:x#1.java"))
        .isEqualTo("my%20dir/%C3%BC%3Ax%231.java");
    assertThat(SarifReportRenderer.relativeUri("\\win\\path\\A.java")).isEqualTo("win/path/A.java");
  }
}
