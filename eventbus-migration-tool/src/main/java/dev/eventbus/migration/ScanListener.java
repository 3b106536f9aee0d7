package dev.eventbus.migration;

/**
 * Told about the progress of a scan or a migration, for example to draw a progress bar. Called from
 * the worker threads, possibly at the same time: implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ScanListener {

  /** A listener that ignores everything. */
  ScanListener NONE = (done, total) -> {};

  /**
   * One more file has been read (and parsed, when it may mention a legacy API).
   *
   * @param done files finished so far, from 1 to {@code total}
   * @param total files to scan
   */
  void fileScanned(int done, int total);
}
