package dev.eventbus.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Entry point of the migration tool's library API. */
public final class MigrationHelper {

  private MigrationHelper() {}

  /**
   * Scans every {@code .java} file under {@code root} for uses of the legacy event-bus APIs. Files
   * that do not parse are listed in {@link MigrationReport#parseErrors()}; the scan goes on.
   *
   * @param root a directory
   * @return the findings
   * @throws IllegalArgumentException if {@code root} is not a directory
   * @throws UncheckedIOException if the tree cannot be walked
   */
  public static MigrationReport checkCompatibility(Path root) {
    return checkCompatibility(root, ScanListener.NONE);
  }

  /**
   * Like {@link #checkCompatibility(Path)}, telling {@code listener} about each file scanned.
   *
   * @param root a directory
   * @param listener told after each file, from the worker threads
   * @return the findings
   * @throws IllegalArgumentException if {@code root} is not a directory
   * @throws UncheckedIOException if the tree cannot be walked
   */
  public static MigrationReport checkCompatibility(Path root, ScanListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    try {
      return new SourceScanner(Runtime.getRuntime().availableProcessors()).scan(root, listener);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan " + root, e);
    }
  }

  /**
   * Migrates every {@code .java} file under {@code root}; see {@link MigrationTarget} for what each
   * step does. Files that do not parse are listed and left alone; each changed file is written
   * atomically (unless {@link MigrationOptions#dryRun()}); running the same migration again changes
   * nothing.
   *
   * @param root a directory
   * @param options the target and whether to write
   * @return what changed and what is left for a person
   * @throws IllegalArgumentException if {@code root} is not a directory
   * @throws UncheckedIOException if the tree cannot be walked or a file cannot be written; for a
   *     file that cannot be written its cause is a {@link MigrationWriteException}, which names the
   *     files that could not be written and why, and those rewritten (none when the check made
   *     before the first write found them) and not
   */
  public static MigrationResult migrateCode(Path root, MigrationOptions options) {
    return migrateCode(root, options, ScanListener.NONE);
  }

  /**
   * Like {@link #migrateCode(Path, MigrationOptions)}, telling {@code listener} about each file
   * planned. Every file is planned before the first is written.
   *
   * @param root the directory whose sources to migrate
   * @param options where to move the code and whether to write
   * @param listener told about each file planned
   * @return what was changed, or would be on a dry run, and what is left for a person
   */
  public static MigrationResult migrateCode(
      Path root, MigrationOptions options, ScanListener listener) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    try {
      return new Migrator(Runtime.getRuntime().availableProcessors())
          .migrate(root, options, listener);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot migrate " + root + ": " + e.getMessage(), e);
    }
  }
}
