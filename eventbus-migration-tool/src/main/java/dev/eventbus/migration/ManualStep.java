package dev.eventbus.migration;

import java.util.Objects;

/**
 * Something {@code migrate} left for a person, with the reason: a use it cannot rewrite without
 * guessing, or a file it kept on the compat step because a file it is connected to needs a person.
 *
 * @param file path relative to the migrated root, with forward slashes
 * @param line 1-based line, 0 for the whole file
 * @param column 1-based column, 0 for the whole file
 * @param symbol the legacy symbol concerned, or the file for a whole-file step
 * @param reason what stands in the way and what to do
 */
public record ManualStep(String file, int line, int column, String symbol, String reason) {

  /**
   * Validates the fields.
   *
   * @param file path relative to the migrated root, with forward slashes
   * @param line 1-based line, 0 for the whole file
   * @param column 1-based column, 0 for the whole file
   * @param symbol the legacy symbol concerned, or the file for a whole-file step
   * @param reason what stands in the way and what to do
   * @throws NullPointerException if a component is null
   */
  public ManualStep {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(reason, "reason");
  }
}
