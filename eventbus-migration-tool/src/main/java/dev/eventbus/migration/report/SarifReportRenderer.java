package dev.eventbus.migration.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventbus.migration.Finding;
import dev.eventbus.migration.FindingKind;
import dev.eventbus.migration.LegacyApi;
import dev.eventbus.migration.MigrationReport;
import dev.eventbus.migration.ParseError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SARIF 2.1.0 form of a report, as GitHub code scanning and other SARIF viewers read it.
 *
 * <p>There is one rule per pair of {@link LegacyApi} and {@link FindingKind}, with the id {@code
 * <api-id>/<kind-id>} (e.g. {@code guava/bus-call}). Every rule is listed, found or not, in the
 * order of the two enums (API first), so a rule's id and index are the same in every run. Each
 * result carries a partial fingerprint under {@value #FINGERPRINT_KEY}: a hash of the rule id, the
 * file, the symbol and how many equal findings come before it in that file, but not of the line, so
 * that a finding keeps its identity when lines are added above it. Files that did not parse are
 * tool execution notifications of level {@code error}; the run still counts as successful.
 */
public final class SarifReportRenderer {

  /** The JSON schema the output follows. */
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** The SARIF version of the output. */
  public static final String SARIF_VERSION = "2.1.0";

  /** {@code tool.driver.name}. */
  public static final String TOOL_NAME = "eventbus-migration-tool";

  /** {@code tool.driver.semanticVersion} and {@code tool.driver.version}. */
  public static final String TOOL_VERSION = "0.1.0";

  /** {@code tool.driver.informationUri}. */
  public static final String INFORMATION_URI = "https://github.com/eventbus-dev/unified-event-bus";

  /** The base id the result locations are relative to; it stands for the scanned root. */
  public static final String SRCROOT = "%SRCROOT%";

  /** The key of each result's partial fingerprint. */
  public static final String FINGERPRINT_KEY = "eventbusFindingHash/v1";

  private static final String LEVEL = "warning";

  private SarifReportRenderer() {}

  /**
   * Renders the report as pretty-printed SARIF 2.1.0 JSON.
   *
   * @param report the scan's report
   * @return the SARIF JSON text
   */
  public static String render(MigrationReport report) {
    ObjectNode sarif = JsonSupport.MAPPER.createObjectNode();
    sarif.put("$schema", SCHEMA);
    sarif.put("version", SARIF_VERSION);
    ObjectNode run = sarif.putArray("runs").addObject();

    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", TOOL_NAME);
    driver.put("informationUri", INFORMATION_URI);
    driver.put("semanticVersion", TOOL_VERSION);
    driver.put("version", TOOL_VERSION);
    ArrayNode rules = driver.putArray("rules");
    for (LegacyApi api : LegacyApi.values()) {
      for (FindingKind kind : FindingKind.values()) {
        addRule(rules.addObject(), api, kind);
      }
    }

    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", rootUri(report));

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (ParseError error : report.parseErrors()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "error");
      notification.putObject("message").put("text", "Cannot parse: " + error.message());
      artifact(notification.putArray("locations").addObject(), error.file());
    }

    run.put("columnKind", "utf16CodeUnits");
    ArrayNode results = run.putArray("results");
    Map<String, Integer> occurrences = new HashMap<>();
    for (Finding finding : report.findings()) {
      String ruleId = ruleId(finding.api(), finding.kind());
      String identity = ruleId + '\n' + finding.file() + '\n' + finding.symbol();
      int occurrence = occurrences.merge(identity, 1, Integer::sum);

      ObjectNode result = results.addObject();
      result.put("ruleId", ruleId);
      result.put("ruleIndex", ruleIndex(finding.api(), finding.kind()));
      result.put("level", LEVEL);
      result.putObject("message").put("text", finding.symbol() + ": " + finding.suggestion());
      ObjectNode physical = artifact(result.putArray("locations").addObject(), finding.file());
      physical
          .putObject("region")
          .put("startLine", Math.max(1, finding.line()))
          .put("startColumn", Math.max(1, finding.column()));
      result.putObject("partialFingerprints").put(FINGERPRINT_KEY, hash(identity, occurrence));
      result.putObject("properties").put("autoMigratable", finding.autoMigratable());
    }
    return JsonSupport.write(sarif);
  }

  /**
   * The id of the rule for findings of {@code kind} in {@code api}, e.g. {@code guava/bus-call}.
   *
   * @param api the legacy API
   * @param kind the kind of finding
   * @return the rule id
   */
  public static String ruleId(LegacyApi api, FindingKind kind) {
    return api.id() + "/" + kind.id();
  }

  /**
   * The index of that rule in {@code tool.driver.rules}.
   *
   * @param api the legacy API
   * @param kind the kind of finding
   * @return the rule's index, from 0
   */
  public static int ruleIndex(LegacyApi api, FindingKind kind) {
    return api.ordinal() * FindingKind.values().length + kind.ordinal();
  }

  /** {@return every rule id, in the order of {@code tool.driver.rules}} */
  public static List<String> ruleIds() {
    List<String> ids = new ArrayList<>();
    for (LegacyApi api : LegacyApi.values()) {
      for (FindingKind kind : FindingKind.values()) {
        ids.add(ruleId(api, kind));
      }
    }
    return List.copyOf(ids);
  }

  private static void addRule(ObjectNode rule, LegacyApi api, FindingKind kind) {
    String what = describe(kind);
    rule.put("id", ruleId(api, kind));
    rule.put("name", pascalCase(api.id()) + pascalCase(kind.id()));
    rule.putObject("shortDescription").put("text", what + " (" + api.packageName() + ")");
    rule.putObject("fullDescription")
        .put(
            "text",
            what
                + ", from "
                + apiName(api)
                + " in "
                + api.packageName()
                + ". The code depends on a legacy event bus that dev.eventbus.api.UnifiedEventBus"
                + " replaces.");
    rule.putObject("help")
        .put(
            "text",
            advise(kind)
                + " Each result says what to do instead; results marked autoMigratable can be"
                + " rewritten by the tool without a person deciding.");
    rule.putObject("defaultConfiguration").put("level", LEVEL);
    ArrayNode tags = rule.putObject("properties").putArray("tags");
    tags.add("maintainability").add("migration").add(api.id()).add(kind.id());
  }

  private static String apiName(LegacyApi api) {
    return switch (api) {
      case VM_LEGACY -> "the legacy VM event buses";
      case GUAVA -> "Guava's EventBus";
    };
  }

  private static String describe(FindingKind kind) {
    return switch (kind) {
      case IMPORT -> "Import of a legacy event-bus type or package";
      case STATIC_IMPORT -> "Static import of a legacy event-bus member";
      case FULLY_QUALIFIED_REFERENCE -> "Fully qualified reference to a legacy event-bus type";
      case ANNOTATION -> "Legacy subscriber annotation";
      case CONSTRUCTION -> "Construction of a legacy event bus";
      case SINGLETON_ACCESS -> "Access to the process-wide legacy bus singleton";
      case BUS_CALL -> "Call on a legacy event bus";
      case DEAD_EVENT -> "Use of the legacy dead-event type";
      case EXCEPTION_HANDLER -> "Use of the legacy subscriber exception handler";
      case SUBCLASS -> "Class extending or implementing a legacy event-bus type";
      case REFLECTION -> "Reflection into the internals of a legacy event bus";
    };
  }

  private static String advise(FindingKind kind) {
    return switch (kind) {
      case IMPORT, STATIC_IMPORT, FULLY_QUALIFIED_REFERENCE ->
          "Refer to the dev.eventbus.api type that replaces the legacy one.";
      case ANNOTATION ->
          "Annotate subscriber methods with @dev.eventbus.api.Subscribe; choose the delivery mode"
              + " through the subscription options.";
      case CONSTRUCTION ->
          "Build one UnifiedEventBus with EventBusFactory and pass it to the code that needs it.";
      case SINGLETON_ACCESS ->
          "Take a UnifiedEventBus as a constructor parameter instead of the static singleton.";
      case BUS_CALL ->
          "Publish and subscribe through UnifiedEventBus and keep the Subscription a registration"
              + " returns.";
      case DEAD_EVENT -> "Handle undelivered events through the bus's dead-letter queue.";
      case EXCEPTION_HANDLER -> "Implement dev.eventbus.api.EventExceptionHandler.";
      case SUBCLASS ->
          "Implement the dev.eventbus.api type instead, or wrap the bus rather than extend it.";
      case REFLECTION ->
          "Use the public API instead: the compat and native buses do not have Guava's internals.";
    };
  }

  /** {@code vm-legacy} to {@code VmLegacy}. */
  private static String pascalCase(String id) {
    StringBuilder out = new StringBuilder(id.length());
    for (String part : id.split("-")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /** Fills {@code location.physicalLocation.artifactLocation}; returns the physical location. */
  private static ObjectNode artifact(ObjectNode location, String file) {
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", relativeUri(file)).put("uriBaseId", SRCROOT);
    return physical;
  }

  /** The root as a {@code file:} URI ending with {@code /}, as SARIF wants for a base. */
  private static String rootUri(MigrationReport report) {
    String uri = report.root().toAbsolutePath().toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /**
   * A relative path as a relative URI reference: forward slashes, no leading slash, and every byte
   * outside the unreserved characters percent-encoded (a {@code :} too, which could otherwise read
   * as a scheme).
   */
  static String relativeUri(String file) {
    String path = file.replace('\\', '/');
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c == '/' || isUnreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static String hash(String identity, int occurrence) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha256.digest((identity + '\n' + occurrence).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
