package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defect 7: a tree that is partly unwritable. Before the fix the run stopped at the first
 * file it could not write, with exit 3 and a message naming the temporary file (not the source, and
 * not saying why), after rewriting the files before it, and without saying which those were.
 *
 * <p>Every target is now checked (the file, and its directory, since a write goes through a
 * temporary file beside it and a move) before the first write, and a run that finds one it cannot
 * write refuses, naming each such source file and the reason, and writes nothing. A write that
 * still fails midway reports the files rewritten and those not.
 *
 * <p>The tests run as root here, and root ignores permission bits, so a directory without write
 * permission would not stop it. What stops root too is a target whose directory is not a directory:
 * each test replaces a source file's directory with a regular file once the file has been read
 * (after planning, or between two writes), as a tree reorganised, unmounted or made read-only under
 * a running migration would. The reason is then "not a directory"; a directory without write
 * permission, for any other user, is reported as "permission denied" by the same check ({@link
 * AtomicFiles#unwritableReason}).
 */
class MigrationWriteTest {

  private static final String GUAVA =
      """
      package com.acme.%s;

      import com.google.common.eventbus.EventBus;

      class %s {
        void run() {
          new EventBus().post("x");
        }
      }
      """;

  @TempDir Path root;
  private final Map<String, String> original = new TreeMap<>();

  @BeforeEach
  void threeFiles() throws IOException {
    for (String name : List.of("a", "b", "c")) {
      String file = "com/acme/" + name + "/" + name.toUpperCase() + ".java";
      String source = GUAVA.formatted(name, name.toUpperCase());
      Path path = root.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, source, StandardCharsets.UTF_8);
      original.put(file, source);
    }
  }

  /** Moves the directory of {@code file} away and puts a regular file in its place. */
  private void replaceDirectoryWithAFile(String file) {
    Path directory = root.resolve(file).getParent();
    try {
      Files.move(directory, directory.resolveSibling(directory.getFileName() + ".moved"));
      Files.writeString(directory, "a regular file where a directory was");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String file) throws IOException {
    Path path = root.resolve(file);
    if (!Files.isRegularFile(path)) {
      // the directory was replaced: the file lives on under the moved directory
      Path directory = path.getParent();
      path =
          directory.resolveSibling(directory.getFileName() + ".moved").resolve(path.getFileName());
    }
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.map(Path::toString).filter(p -> p.endsWith(".tmp")).toList()).isEmpty();
    }
  }

  @Test
  void anUnwritableTarget_isFoundBeforeTheFirstWrite_andNothingIsWritten() throws IOException {
    ScanListener afterPlanning =
        (done, total) -> {
          if (done == total) {
            replaceDirectoryWithAFile("com/acme/b/B.java");
          }
        };

    UncheckedIOException thrown =
        catchThrowableOfType(
            UncheckedIOException.class,
            () ->
                MigrationHelper.migrateCode(
                    root, MigrationOptions.to(MigrationTarget.COMPAT), afterPlanning));

    assertThat(thrown.getCause()).isInstanceOf(MigrationWriteException.class);
    MigrationWriteException cause = (MigrationWriteException) thrown.getCause();
    assertThat(cause.rewritten()).isEmpty();
    assertThat(cause.notRewritten())
        .containsExactly("com/acme/a/A.java", "com/acme/b/B.java", "com/acme/c/C.java");
    assertThat(cause.unwritable()).containsOnlyKeys("com/acme/b/B.java");
    assertThat(cause.unwritable().get("com/acme/b/B.java")).startsWith("not a directory");
    assertThat(thrown.getMessage())
        .contains("nothing was written")
        .contains("com/acme/b/B.java: not a directory")
        .doesNotContain(".tmp");
    for (Map.Entry<String, String> file : original.entrySet()) {
      assertThat(read(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
    }
    assertNoTemporaryFiles();
  }

  @Test
  void aWriteThatFailsMidway_reportsTheFilesRewrittenAndThoseNot() throws IOException {
    Migrator.Writer failingAtB =
        (file, content) -> {
          if (file.endsWith("B.java")) {
            replaceDirectoryWithAFile("com/acme/b/B.java");
          }
          AtomicFiles.write(file, content);
        };

    MigrationWriteException thrown =
        catchThrowableOfType(
            MigrationWriteException.class,
            () ->
                new Migrator(1, failingAtB)
                    .migrate(root, MigrationOptions.to(MigrationTarget.COMPAT), ScanListener.NONE));

    assertThat(thrown.rewritten()).containsExactly("com/acme/a/A.java");
    assertThat(thrown.notRewritten()).containsExactly("com/acme/b/B.java", "com/acme/c/C.java");
    assertThat(thrown.getMessage())
        .contains("com/acme/b/B.java: not a directory")
        .contains("rewritten (1):\n  com/acme/a/A.java")
        .contains("not rewritten (2):\n  com/acme/b/B.java\n  com/acme/c/C.java")
        .doesNotContain(".tmp");
    assertThat(read("com/acme/a/A.java")).contains("dev.eventbus.compat.guava.EventBus");
    assertThat(read("com/acme/b/B.java")).isEqualTo(original.get("com/acme/b/B.java"));
    assertThat(read("com/acme/c/C.java")).isEqualTo(original.get("com/acme/c/C.java"));
    assertNoTemporaryFiles();
  }

  /** The check itself, on the targets a run can meet. */
  @Test
  void unwritableReason_namesTheCause() throws IOException {
    Path file = root.resolve("com/acme/a/A.java");
    Path blocker = Files.writeString(root.resolve("blocker"), "x");

    assertThat(AtomicFiles.unwritableReason(file)).isEmpty();
    assertThat(AtomicFiles.unwritableReason(root.resolve("new/dirs/report.json"))).isEmpty();
    assertThat(AtomicFiles.unwritableReason(blocker.resolve("report.json")))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("not a directory: "));
    assertThat(AtomicFiles.unwritableReason(blocker.resolve("deeper/report.json")))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("not a directory: "));
    assertThat(AtomicFiles.unwritableReason(root.resolve("com")))
        .hasValueSatisfying(reason -> assertThat(reason).isEqualTo("is a directory"));
  }

  /** A failed write says why in words, without the temporary file's name. */
  @Test
  void aFailedWrite_isReportedWithItsReason_notTheTemporaryFile() {
    Path temp = root.resolve("com/acme/a/.eventbus-migrate123.tmp");

    assertThat(AtomicFiles.reason(new AccessDeniedException(temp.toString())))
        .isEqualTo("permission denied");
    assertThat(
            AtomicFiles.reason(
                new FileSystemException(temp.toString(), null, "Read-only file system")))
        .isEqualTo("read-only file system");
    assertThat(AtomicFiles.reason(new NoSuchFileException(temp.toString())))
        .isEqualTo("no such file or directory");
  }
}
