package dev.eventbus.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How {@link MigrationHelper#migrateCode(Path, MigrationOptions)} runs.
 *
 * @param target where to move the code
 * @param dryRun whether to leave the files alone and only compute the result (with its diff)
 * @param classpath jars and class directories the sources compile against besides the buses (the
 *     project's other libraries), added to the tool's own for the recipes' parser: a type found in
 *     neither is unknown, and the recipes leave what depends on it where it is
 */
public record MigrationOptions(MigrationTarget target, boolean dryRun, List<Path> classpath) {

  /**
   * Validates the fields and copies the class path.
   *
   * @param target where to move the code
   * @param dryRun whether to leave the files alone and only compute the result (with its diff)
   * @param classpath jars and class directories the sources compile against besides the buses
   * @throws NullPointerException if {@code target}, {@code classpath} or an entry is null
   */
  public MigrationOptions {
    Objects.requireNonNull(target, "target");
    classpath = List.copyOf(classpath);
  }

  /**
   * Options with nothing on the class path but the tool's own.
   *
   * @param target where to move the code
   * @param dryRun whether to leave the files alone and only compute the result (with its diff)
   * @throws NullPointerException if {@code target} is null
   */
  public MigrationOptions(MigrationTarget target, boolean dryRun) {
    this(target, dryRun, List.of());
  }

  /**
   * Options that write the files.
   *
   * @param target where to move the code
   * @return options that are not a dry run
   */
  public static MigrationOptions to(MigrationTarget target) {
    return new MigrationOptions(target, false);
  }

  /** {@return these options, as a dry run} */
  public MigrationOptions asDryRun() {
    return new MigrationOptions(target, true, classpath);
  }

  /**
   * These options with another class path for the recipes' parser.
   *
   * @param entries jars and class directories the sources compile against besides the buses
   * @return the options with that class path
   * @throws NullPointerException if {@code entries} or an entry is null
   */
  public MigrationOptions withClasspath(List<Path> entries) {
    return new MigrationOptions(target, dryRun, entries);
  }
}
