package dev.eventbus.migration;

import java.util.Objects;

/**
 * One use of a legacy API.
 *
 * @param file path relative to the scanned root, with forward slashes
 * @param line 1-based line
 * @param column 1-based column
 * @param api which legacy API
 * @param kind what kind of use
 * @param symbol the fully qualified legacy symbol, e.g. {@code
 *     com.google.common.eventbus.EventBus#post}
 * @param autoMigratable whether {@code migrate} can rewrite this use without a person deciding
 * @param suggestion what to do instead
 */
public record Finding(
    String file,
    int line,
    int column,
    LegacyApi api,
    FindingKind kind,
    String symbol,
    boolean autoMigratable,
    String suggestion) {

  /**
   * Validates the fields.
   *
   * @param file path relative to the scanned root, with forward slashes
   * @param line 1-based line
   * @param column 1-based column
   * @param api which legacy API
   * @param kind what kind of use
   * @param symbol the fully qualified legacy symbol, e.g. {@code
   *     com.google.common.eventbus.EventBus#post}
   * @param autoMigratable whether {@code migrate} can rewrite this use without a person deciding
   * @param suggestion what to do instead
   * @throws NullPointerException if a component is null
   */
  public Finding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(suggestion, "suggestion");
  }
}
