package dev.eventbus.migration;

import java.util.Objects;

/**
 * One file {@code migrate} changed, or would change in a dry run.
 *
 * @param file path relative to the root, with forward slashes
 * @param target the step this file got: {@link MigrationTarget#COMPAT} also in a native migration
 *     when the file needs a person for the rest
 * @param edits the number of edits
 * @param before the text as read
 * @param after the text as written
 */
public record FileChange(
    String file, MigrationTarget target, int edits, String before, String after) {

  /**
   * Validates the fields.
   *
   * @param file path relative to the root, with forward slashes
   * @param target the step this file got: {@link MigrationTarget#COMPAT} also in a native migration
   *     when the file needs a person for the rest
   * @param edits the number of edits
   * @param before the text as read
   * @param after the text as written
   * @throws NullPointerException if a component is null
   */
  public FileChange {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
