package dev.eventbus.migration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable result of {@link MigrationHelper#checkCompatibility(Path)}.
 *
 * @param root the scanned directory, absolute and normalised
 * @param filesScanned every {@code .java} file seen, including those skipped before parsing and
 *     those that did not parse
 * @param filesWithFindings files with at least one finding
 * @param parseErrors files that could not be read or parsed, sorted by file
 * @param findings every finding, sorted by file, line and column
 */
public record MigrationReport(
    Path root,
    int filesScanned,
    int filesWithFindings,
    List<ParseError> parseErrors,
    List<Finding> findings) {

  /**
   * Validates the fields and copies the lists.
   *
   * @param root the scanned directory, absolute and normalised
   * @param filesScanned every {@code .java} file seen, including those skipped before parsing and
   *     those that did not parse
   * @param filesWithFindings files with at least one finding
   * @param parseErrors files that could not be read or parsed, sorted by file
   * @param findings every finding, sorted by file, line and column
   * @throws NullPointerException if {@code root}, a list or an element of one is null
   * @throws IllegalArgumentException if a count is negative or more files have findings than were
   *     scanned
   */
  public MigrationReport {
    Objects.requireNonNull(root, "root");
    parseErrors = List.copyOf(parseErrors);
    findings = List.copyOf(findings);
    if (filesScanned < 0 || filesWithFindings < 0 || filesWithFindings > filesScanned) {
      throw new IllegalArgumentException(
          "inconsistent counts: "
              + filesScanned
              + " scanned, "
              + filesWithFindings
              + " with findings");
    }
  }

  /** {@return whether the scan found anything} */
  public boolean hasFindings() {
    return !findings.isEmpty();
  }

  /** {@return counts of the findings by API and by kind} */
  public Summary summary() {
    Map<String, Integer> byApi = new LinkedHashMap<>();
    for (LegacyApi api : LegacyApi.values()) {
      byApi.put(api.id(), 0);
    }
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (FindingKind kind : FindingKind.values()) {
      byKind.put(kind.id(), 0);
    }
    int auto = 0;
    for (Finding finding : findings) {
      byApi.merge(finding.api().id(), 1, Integer::sum);
      byKind.merge(finding.kind().id(), 1, Integer::sum);
      if (finding.autoMigratable()) {
        auto++;
      }
    }
    return new Summary(
        findings.size(),
        auto,
        parseErrors.size(),
        Collections.unmodifiableMap(byApi),
        Collections.unmodifiableMap(byKind));
  }

  /**
   * Counts of a report's findings.
   *
   * @param totalFindings all findings
   * @param autoMigratable findings {@code migrate} can rewrite on its own
   * @param parseErrors files that did not parse
   * @param byApi findings per API id, every API listed
   * @param byKind findings per kind id, every kind listed
   */
  public record Summary(
      int totalFindings,
      int autoMigratable,
      int parseErrors,
      Map<String, Integer> byApi,
      Map<String, Integer> byKind) {

    /**
     * Copies the maps.
     *
     * @param totalFindings all findings
     * @param autoMigratable findings {@code migrate} can rewrite on its own
     * @param parseErrors files that did not parse
     * @param byApi findings per API id, every API listed
     * @param byKind findings per kind id, every kind listed
     * @throws NullPointerException if a map is null
     */
    public Summary {
      byApi = Collections.unmodifiableMap(new LinkedHashMap<>(byApi));
      byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
    }
  }
}
