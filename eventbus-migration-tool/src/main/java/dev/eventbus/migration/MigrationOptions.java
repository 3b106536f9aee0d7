package dev.eventbus.migration;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link MigrationHelper#migrateCode(Path, MigrationOptions)} runs.
 *
 * @param target where to move the code
 * @param dryRun whether to leave the files alone and only compute the result (with its diff)
 */
public record MigrationOptions(MigrationTarget target, boolean dryRun) {

  /**
   * Validates the fields.
   *
   * @param target where to move the code
   * @param dryRun whether to leave the files alone and only compute the result (with its diff)
   * @throws NullPointerException if {@code target} is null
   */
  public MigrationOptions {
    Objects.requireNonNull(target, "target");
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
    return new MigrationOptions(target, true);
  }
}
