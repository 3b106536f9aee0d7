package dev.eventbus.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file so that a reader sees either the old or the new content, never a mix: the text goes
 * to a temporary file beside the target, which is then moved over it in one step. An existing
 * target keeps its POSIX permissions.
 */
public final class AtomicFiles {

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
    Path temp = Files.createTempFile(parent, ".eventbus-migrate", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
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
