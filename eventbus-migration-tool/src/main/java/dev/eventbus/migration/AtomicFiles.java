package dev.eventbus.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
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
   * @throws IOException if the file cannot be written; the target is then unchanged
   */
  public static void write(Path target, String content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("no parent directory: " + target);
    }
    Files.createDirectories(parent);
    Path temp = createTemporary(parent);
    try {
      Files.write(temp, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
      copyPermissions(absolute, temp);
      try {
        Files.move(
            temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot replace " + target + " atomically", e);
      }
    } finally {
      Files.deleteIfExists(temp);
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
