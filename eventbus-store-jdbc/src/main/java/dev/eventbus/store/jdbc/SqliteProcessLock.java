package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a SQLite store to one process: a lock on the file {@code <database>.eventbus-lock}, held
 * (with the holder's process id written in it) while any {@link JdbcDatabase} of this JVM has the
 * database open. A second process that opens the same database is refused with a message saying
 * that SQLite is the single-process store and PostgreSQL the shared one: its deliveries have no
 * owner, and two processes would each redeliver the other's. The operating system drops the lock
 * when its process dies, however it dies. Databases of one JVM share the lock (counted).
 */
final class SqliteProcessLock {

  private static final Map<Path, SqliteProcessLock> HELD = new HashMap<>(); // guarded by HELD

  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  private int users = 1;

  private SqliteProcessLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code database} for this JVM, or one more use of it.
   *
   * @throws EventStoreException if another process holds it, or the lock file cannot be used
   */
  static SqliteProcessLock acquire(Path database) {
    Path absolute = database.toAbsolutePath().normalize();
    synchronized (HELD) {
      SqliteProcessLock held = HELD.get(absolute);
      if (held != null) {
        held.users++;
        return held;
      }
      Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".eventbus-lock");
      FileChannel channel = null;
      try {
        channel =
            FileChannel.open(
                lockFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          String holder = readHolder(channel);
          channel.close();
          throw new EventStoreException(
              "the SQLite database "
                  + absolute
                  + " is already open in another process"
                  + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                  + ": SQLite is the single-process embedded store, and two processes on one"
                  + " file would redeliver each other's deliveries. Stop the other process, give"
                  + " this one a file of its own, or share one store between processes on"
                  + " PostgreSQL (JdbcStoreConfig.postgres), which gives each delivery an owner.",
              null);
        }
        channel.truncate(0);
        channel.write(
            ByteBuffer.wrap(
                Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
            0);
        SqliteProcessLock acquired = new SqliteProcessLock(lockFile, channel, lock);
        HELD.put(absolute, acquired);
        return acquired;
      } catch (IOException e) {
        closeQuietly(channel);
        throw new EventStoreException(
            "cannot lock the SQLite database "
                + absolute
                + " for this process through "
                + lockFile
                + ": "
                + e,
            e);
      }
    }
  }

  /** Gives one use back; the last releases the lock. */
  void release() {
    synchronized (HELD) {
      if (--users > 0) {
        return;
      }
      HELD.values().remove(this);
      try {
        lock.release();
      } catch (IOException e) {
        // Closing the channel below releases it as well.
      }
      closeQuietly(channel);
    }
  }

  @Override
  public String toString() {
    return "SqliteProcessLock[" + lockFile + ", " + users + " user(s)]";
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      int read = channel.read(buffer, 0);
      return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }
}
