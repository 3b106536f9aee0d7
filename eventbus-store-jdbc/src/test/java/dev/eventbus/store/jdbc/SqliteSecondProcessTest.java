package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.spi.EventStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite is the single-process store: a second process opening a database another one has open is
 * refused, by name, pointing at PostgreSQL; once the first closes it, it opens. Databases of one
 * JVM share the file.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SqliteSecondProcessTest {

  @TempDir Path directory;

  /** The second process: opens the database, prints what happened, exits 0 if it opened. */
  public static final class Opener {
    private Opener() {}

    public static void main(String[] args) {
      try (JdbcDatabase database = JdbcDatabase.sqlite(Path.of(args[0]))) {
        System.out.println("opened schema " + database.schemaVersion());
      } catch (EventStoreException e) {
        System.out.println("refused: " + e.getMessage());
        System.exit(3);
      }
    }
  }

  private String openInAnotherProcess(Path file, int expectedExit) throws Exception {
    Path output = directory.resolve("opener-" + System.nanoTime() + ".txt");
    Process child = ChildJvm.start(Opener.class, List.of(file.toString()), output);
    assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(printed).isEqualTo(expectedExit);
    return printed;
  }

  @Test
  void aSecondProcessIsRefusedWhileTheFirstHasTheDatabaseOpen() throws Exception {
    Path file = directory.resolve("events.db");
    try (JdbcDatabase first = JdbcDatabase.sqlite(file);
        JdbcDatabase sameJvm = JdbcDatabase.sqlite(file)) {
      assertThat(sameJvm.schemaVersion()).isEqualTo(first.schemaVersion());

      String refused = openInAnotherProcess(file, 3);

      assertThat(refused)
          .contains("refused: the SQLite database " + file.toAbsolutePath())
          .contains("already open in another process (pid " + ProcessHandle.current().pid() + ")")
          .contains("single-process embedded store")
          .contains("PostgreSQL");
    }
    assertThat(openInAnotherProcess(file, 0)).contains("opened schema");
  }
}
