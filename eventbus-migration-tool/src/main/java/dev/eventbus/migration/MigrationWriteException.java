package dev.eventbus.migration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A migration could not write every file it changed. Either it found, before writing anything,
 * files it cannot write ({@link #rewritten()} is then empty and nothing was written), or a write
 * failed midway: the files before it were rewritten, it and the rest were not, and each file is
 * either wholly rewritten or untouched. Running the same migration again once the cause is fixed
 * finishes the job: the rewritten files do not change again.
 *
 * <p>File names are relative to the migrated root, with forward slashes, as in {@link FileChange}.
 */
public final class MigrationWriteException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The files that could not be written, each with the reason. */
  private final Map<String, String> unwritable;

  /** The files rewritten before the failure. */
  private final List<String> rewritten;

  /** The changed files left as they were. */
  private final List<String> notRewritten;

  private MigrationWriteException(
      String message,
      Map<String, String> unwritable,
      List<String> rewritten,
      List<String> notRewritten,
      @Nullable Throwable cause) {
    super(message, cause);
    this.unwritable = Collections.unmodifiableMap(new LinkedHashMap<>(unwritable));
    this.rewritten = List.copyOf(rewritten);
    this.notRewritten = List.copyOf(notRewritten);
  }

  /** Nothing was written: the files in {@code unwritable} cannot be, for the reason given. */
  static MigrationWriteException refused(
      Path root, Map<String, String> unwritable, List<String> toRewrite) {
    StringBuilder message =
        new StringBuilder("nothing was written: ")
            .append(unwritable.size())
            .append(" of the ")
            .append(toRewrite.size())
            .append(" files to rewrite under ")
            .append(root)
            .append(" cannot be written:");
    unwritable.forEach(
        (file, reason) -> message.append("\n  ").append(file).append(": ").append(reason));
    return new MigrationWriteException(message.toString(), unwritable, List.of(), toRewrite, null);
  }

  /** Writing {@code file} failed after the files in {@code rewritten} were written. */
  static MigrationWriteException stopped(
      Path root,
      String file,
      String reason,
      List<String> rewritten,
      List<String> notRewritten,
      IOException cause) {
    StringBuilder message =
        new StringBuilder("stopped at ")
            .append(file)
            .append(": ")
            .append(reason)
            .append("; the migration under ")
            .append(root)
            .append(" is incomplete.");
    list(message, "rewritten", rewritten);
    list(message, "not rewritten", notRewritten);
    message.append(
        "\nRun the same migration again once the cause is fixed: the files already rewritten do"
            + " not change again.");
    return new MigrationWriteException(
        message.toString(), Map.of(file, reason), rewritten, notRewritten, cause);
  }

  private static void list(StringBuilder message, String title, List<String> files) {
    message.append('\n').append(title).append(" (").append(files.size()).append("):");
    for (String file : files) {
      message.append("\n  ").append(file);
    }
  }

  /** {@return the files that could not be written, each with the reason, in file order} */
  public Map<String, String> unwritable() {
    return unwritable;
  }

  /** {@return the files rewritten before the failure; empty when the run wrote nothing} */
  public List<String> rewritten() {
    return rewritten;
  }

  /** {@return the changed files left as they were, the unwritable ones included} */
  public List<String> notRewritten() {
    return notRewritten;
  }
}
