package dev.eventbus.migration;

import java.util.Objects;

/**
 * A file that could not be read or parsed; the scan went on without it.
 *
 * @param file path relative to the scanned root, with forward slashes
 * @param message what went wrong, with the position when known
 */
public record ParseError(String file, String message) {

  /**
   * Validates the fields.
   *
   * @param file path relative to the scanned root, with forward slashes
   * @param message what went wrong, with the position when known
   * @throws NullPointerException if a component is null
   */
  public ParseError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }
}
