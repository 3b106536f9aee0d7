package dev.eventbus.migration;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The immutable result of {@link MigrationHelper#migrateCode(Path, MigrationOptions)}.
 *
 * @param root the migrated directory, absolute and normalised
 * @param options how the migration ran
 * @param filesScanned every {@code .java} file seen
 * @param changes the files changed (or, in a dry run, to change), sorted by file
 * @param manualSteps what is left for a person, sorted by file, line and column
 * @param parseErrors files that could not be read or parsed, left alone, sorted by file
 */
public record MigrationResult(
    Path root,
    MigrationOptions options,
    int filesScanned,
    List<FileChange> changes,
    List<ManualStep> manualSteps,
    List<ParseError> parseErrors) {

  private static final int DIFF_CONTEXT = 3;

  /**
   * Validates the fields and copies the lists.
   *
   * @param root the migrated directory, absolute and normalised
   * @param options how the migration ran
   * @param filesScanned every {@code .java} file seen
   * @param changes the files changed (or, in a dry run, to change), sorted by file
   * @param manualSteps what is left for a person, sorted by file, line and column
   * @param parseErrors files that could not be read or parsed, left alone, sorted by file
   * @throws NullPointerException if {@code root}, {@code options}, a list or an element of one is
   *     null
   */
  public MigrationResult {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    changes = List.copyOf(changes);
    manualSteps = List.copyOf(manualSteps);
    parseErrors = List.copyOf(parseErrors);
  }

  /** {@return the number of edits over all changed files} */
  public int edits() {
    return changes.stream().mapToInt(FileChange::edits).sum();
  }

  /**
   * {@return whether nothing is left for a person: no manual step and no file that did not parse}
   */
  public boolean isComplete() {
    return manualSteps.isEmpty() && parseErrors.isEmpty();
  }

  /**
   * {@return a unified diff of every change, paths relative to the root with {@code a/} and {@code
   * b/} prefixes as {@code git apply} and {@code patch -p1} expect; empty when nothing changed}
   */
  public String unifiedDiff() {
    StringBuilder out = new StringBuilder();
    for (FileChange change : changes) {
      List<String> before = change.before().lines().toList();
      List<String> after = change.after().lines().toList();
      Patch<String> patch = DiffUtils.diff(before, after);
      for (String line :
          UnifiedDiffUtils.generateUnifiedDiff(
              "a/" + change.file(), "b/" + change.file(), before, patch, DIFF_CONTEXT)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
