package dev.eventbus.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with a SQLite database file, in plain words. SQLite says little about a file it
 * cannot use ({@code SQLITE_CANTOPEN} is "unable to open database file" whether the directory is
 * missing or not writable), and a file it may only read it opens read-only without a word, so the
 * first write fails. This class turns SQLite's result code into a sentence about the file, asking
 * the file system, where that tells more, what it refuses and why.
 *
 * <p>The sentences are predicates of the file: {@code "the SQLite database " + file + " " +
 * problem}. Stateless; the file-system probes run only after a failure.
 */
final class SqliteFiles {

  /** The problem of a file whose bytes SQLite cannot read as a database. */
  static final String NOT_A_DATABASE = "is not a SQLite database or corrupted";

  // SQLite's primary result codes (sqlite.org/rescode.html).
  private static final int SQLITE_PERM = 3;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  private static final String JDBC_PREFIX = "jdbc:sqlite:";

  private SqliteFiles() {}

  /**
   * The file a sqlite-jdbc URL names ({@code jdbc:sqlite:PATH} or {@code jdbc:sqlite:file:PATH},
   * either with {@code ?parameters}), absolute; {@code null} for an in-memory database, a resource,
   * or a URL of another driver.
   */
  static @Nullable Path fileOf(String jdbcUrl) {
    if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
      return null;
    }
    String name = jdbcUrl.substring(JDBC_PREFIX.length());
    int query = name.indexOf('?');
    String parameters = query < 0 ? "" : name.substring(query + 1);
    if (query >= 0) {
      name = name.substring(0, query);
    }
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
      if (name.startsWith("///")) {
        name = name.substring(2);
      }
    }
    if (name.isEmpty() || name.startsWith(":") || parameters.contains("mode=memory")) {
      return null;
    }
    try {
      return Path.of(name).toAbsolutePath();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * What is wrong with {@code file}, if {@code failure} (or a cause) is SQLite's word that the file
   * cannot be used; {@code null} if it is about something else (a statement, a lock, the pool).
   */
  static @Nullable String problem(Path file, Throwable failure) {
    return switch (resultCode(failure)) {
      case SQLITE_READONLY -> readOnly(file);
      case SQLITE_CORRUPT, SQLITE_NOTADB -> NOT_A_DATABASE;
      case SQLITE_CANTOPEN, SQLITE_PERM -> cannotOpen(file);
      case SQLITE_FULL -> "cannot grow: the disk or the file system is full";
      default -> null;
    };
  }

  /** The message of the first {@link SQLException} in {@code failure} and its causes. */
  static String sqliteMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return String.valueOf(t.getMessage());
      }
    }
    return String.valueOf(failure.getMessage());
  }

  /**
   * Why no directory can be made at {@code directory}, after {@code failure}: the first ancestor
   * that exists is a file, or what the file system said.
   */
  static String whyNoDirectory(Path directory, IOException failure) {
    for (Path at = directory; at != null; at = at.getParent()) {
      if (Files.exists(at)) {
        return Files.isDirectory(at) ? reason(failure) : at + " is a file, not a directory";
      }
    }
    return reason(failure);
  }

  /** SQLite's primary result code in {@code failure} or its causes, or -1. */
  private static int resultCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() > 0) {
        return sql.getErrorCode() & 0xff; // an extended code keeps the primary one in its low byte
      }
    }
    return -1;
  }

  private static String readOnly(Path file) {
    String why = whyNotWritable(file);
    return "is read-only: SQLite can read it but not write it ("
        + (why != null
            ? why
            : "the connection was opened read-only, or the file, its directory or its file system"
                + " is write-protected for this process")
        + ")";
  }

  /**
   * What the file system refuses of the writes SQLite needs, or {@code null} if it refuses none.
   */
  private static @Nullable String whyNotWritable(Path file) {
    if (Files.exists(file)) {
      try {
        FileChannel.open(file, StandardOpenOption.WRITE).close();
      } catch (IOException e) {
        return "this process cannot write the file: " + reason(e);
      }
    }
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null) {
      try {
        Files.delete(Files.createTempFile(directory, ".eventbus-write-check-", ".tmp"));
      } catch (IOException e) {
        return "this process cannot create files in "
            + directory
            + ", where SQLite keeps the -wal and -shm files: "
            + reason(e);
      }
    }
    return null;
  }

  private static String cannotOpen(Path file) {
    if (Files.isDirectory(file)) {
      return "cannot be opened: it is a directory";
    }
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null && !Files.isDirectory(directory)) {
      return "cannot be created: " + directory + " is not a directory";
    }
    if (Files.exists(file)) {
      try {
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
      } catch (IOException e) {
        return "cannot be opened: " + reason(e);
      }
      return "cannot be opened";
    }
    try {
      Files.delete(Files.createFile(file));
    } catch (IOException e) {
      return "does not exist, and this process cannot create it in " + directory + ": " + reason(e);
    }
    return "cannot be opened";
  }

  /** The file system's reason, in lower case: "permission denied", "read-only file system". */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(e.getMessage());
  }
}
