package dev.eventbus.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader sees either the old or the new content, never a mix: the text goes
 * to a temporary file beside the target, which is then moved over it in one step. An existing
 * target keeps its POSIX permissions; a new one gets those of any newly created file (0666 less the
 * umask).
 */
public final class AtomicFiles {

  private static final String TEMPORARY_PREFIX = ".eventbus-migrate";
  private static final String TEMPORARY_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /**
   * Writes {@code content} as UTF-8 to {@code target}, creating parent directories.
   *
   * @param target the file to write; replaced as a whole
   * @param content the text to write
   * @throws IOException if the file cannot be written; the target is then unchanged. A {@link
   *     FileSystemException} names the target (never the temporary file) and says why in {@link
   *     FileSystemException#getReason()}, as {@link #unwritableReason} does
   */
  public static void write(Path target, String content) throws IOException {
    Optional<String> unwritable = unwritableReason(target);
    if (unwritable.isPresent()) {
      throw new FileSystemException(target.toString(), null, unwritable.get());
    }
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    try {
      if (parent == null) {
        throw new IOException("no parent directory");
      }
      Files.createDirectories(parent);
      Path temp = createTemporary(parent);
      try {
        Files.write(temp, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
        copyPermissions(absolute, temp);
        Files.move(
            temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      FileSystemException failure = new FileSystemException(target.toString(), null, reason(e));
      failure.initCause(e);
      throw failure;
    }
  }

  /**
   * Why {@link #write} cannot write {@code target}, or empty if it can as far as can be told
   * without writing: the target must not be a directory and, if it exists, must be writable; its
   * nearest existing ancestor must be a directory the process may create files in (a write goes
   * through a new file beside the target).
   *
   * @param target the file a write would replace
   * @return a reason such as {@code permission denied: the file is read-only} or {@code not a
   *     directory: /path}
   */
  public static Optional<String> unwritableReason(Path target) {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return Optional.of("is a directory");
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      return Optional.of(
          isOnReadOnlyStore(absolute)
              ? "read-only file system"
              : "permission denied: the file is read-only");
    }
    Path parent = absolute.getParent();
    if (parent == null) {
      return Optional.of("no parent directory");
    }
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("no such directory: " + parent);
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of("not a directory: " + existing);
    }
    if (!Files.isWritable(existing)) {
      return Optional.of(
          isOnReadOnlyStore(existing)
              ? "read-only file system: " + existing
              : "permission denied: cannot create files in " + existing);
    }
    return Optional.empty();
  }

  /** What went wrong, in words, without the path the exception names. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file already exists";
    }
    if (e instanceof AtomicMoveNotSupportedException) {
      return "the file system cannot replace the file atomically";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      String reason = fileSystem.getReason();
      return reason.length() > 1 && Character.isLowerCase(reason.charAt(1))
          ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1)
          : reason;
    }
    String message = e.getMessage();
    return message != null ? message : e.getClass().getSimpleName();
  }

  private static boolean isOnReadOnlyStore(Path path) {
    try {
      return Files.getFileStore(path).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A new empty file in {@code directory}, made the way any program makes a file: without
   * permissions of its own, so that it gets what the umask leaves of 0666. ({@code
   * Files.createTempFile} would make it 0600, fit for a shared temporary directory but not for a
   * report someone else is to read.)
   */
  private static Path createTemporary(Path directory) throws IOException {
    while (true) {
      Path temp =
          directory.resolve(
              TEMPORARY_PREFIX
                  + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                  + TEMPORARY_SUFFIX);
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException taken) {
        // another writer's temporary file: draw another name
      }
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (source != null && target != null) {
      Set<PosixFilePermission> permissions = source.readAttributes().permissions();
      target.setPermissions(permissions);
    }
  }
}
