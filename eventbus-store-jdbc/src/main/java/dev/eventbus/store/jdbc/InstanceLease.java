package dev.eventbus.store.jdbc;

import dev.eventbus.api.spi.EventStoreException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The lease of one event-store instance on a PostgreSQL store that several processes share: a row
 * of {@code eventbus_instances} holding the instance's name and the time (the database's clock, in
 * epoch microseconds) until which the deliveries it owns stay its own. Registered when the store
 * opens, renewed by the bus's journal every third of the lease, deleted when the store closes. A
 * delivery whose owner has no row, or one whose time has passed, may be claimed by another
 * instance. Times come from the database's clock, so the instances' own clocks need not agree.
 *
 * <p>Thread-safe: every call is one statement on a connection of its own.
 */
final class InstanceLease {

  /** The database's clock now, in epoch microseconds. */
  static final String NOW_MICROS =
      "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";

  // Returns the lease's end before this renewal (null if the instance had no row) and the time of
  // the renewal, so that a lease that ran out while the instance lived is seen and logged. The
  // common table expression reads the row as it was before the statement.
  private static final String RENEW =
      "WITH previous AS (SELECT lease_until FROM eventbus_instances WHERE instance_id = ?)"
          + " INSERT INTO eventbus_instances (instance_id, lease_until, started_at)"
          + " VALUES (?, "
          + NOW_MICROS
          + " + ?, "
          + NOW_MICROS
          + ") ON CONFLICT (instance_id) DO UPDATE SET lease_until = EXCLUDED.lease_until"
          + " RETURNING (SELECT lease_until FROM previous), "
          + NOW_MICROS;

  private static final System.Logger LOG = System.getLogger(InstanceLease.class.getName());

  private static final String RELEASE = "DELETE FROM eventbus_instances WHERE instance_id = ?";

  /**
   * Who an instance is and how long its lease lasts.
   *
   * @param instanceId the owner name of the deliveries it appends
   * @param duration how long they stay its own after a renewal
   */
  record Terms(String instanceId, Duration duration) {

    Terms {
      checkId(instanceId);
      checkDuration(duration);
    }

    /** How often the lease is renewed: a third of its duration. */
    Duration renewalInterval() {
      return duration.dividedBy(3);
    }

    /** A name for an instance nobody named: host, process id and a random part. */
    static String generatedId() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown-host";
      }
      return host
          + "-"
          + ProcessHandle.current().pid()
          + "-"
          + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    static String checkId(String instanceId) {
      Objects.requireNonNull(instanceId, "instanceId");
      if (instanceId.isBlank() || instanceId.length() > 200) {
        throw new IllegalArgumentException(
            "instanceId must be 1..200 characters, not blank, but was '" + instanceId + "'");
      }
      return instanceId;
    }

    static Duration checkDuration(Duration duration) {
      Objects.requireNonNull(duration, "leaseDuration");
      if (duration.compareTo(Duration.ofMillis(300)) < 0
          || duration.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "leaseDuration must be between 300ms and 1 day but was " + duration);
      }
      return duration;
    }
  }

  private final JdbcDatabase database;
  private final Terms terms;
  private volatile boolean registered; // set by the first renewal

  /** Registers the instance, holding its lease from now on. */
  InstanceLease(JdbcDatabase database, Terms terms) {
    this.database = database;
    this.terms = terms;
    renew();
  }

  String instanceId() {
    return terms.instanceId();
  }

  Duration renewalInterval() {
    return terms.renewalInterval();
  }

  /**
   * Extends the lease to the lease duration from now (registering the instance again if its row was
   * deleted). Logs a warning if the lease had run out, or its row was gone, since the last renewal:
   * other instances may have taken over this one's deliveries meanwhile.
   *
   * @throws EventStoreException if the statement failed
   */
  void renew() {
    try (Connection connection = database.connection();
        PreparedStatement renew = connection.prepareStatement(RENEW)) {
      renew.setString(1, terms.instanceId());
      renew.setString(2, terms.instanceId());
      renew.setLong(3, terms.duration().toNanos() / 1_000);
      try (ResultSet result = renew.executeQuery()) {
        result.next();
        long previous = result.getLong(1);
        boolean hadRow = !result.wasNull();
        long now = result.getLong(2);
        if (registered) {
          warnIfLapsed(hadRow, previous, now);
        }
      }
      registered = true;
    } catch (SQLException e) {
      throw database.failure("renewal of the lease of instance '" + terms.instanceId() + "'", e);
    }
  }

  private void warnIfLapsed(boolean hadRow, long previousMicros, long nowMicros) {
    if (hadRow && previousMicros >= nowMicros) {
      return;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "the lease of instance ''{0}'' {1} before this renewal: other instances may have taken"
            + " over its pending deliveries meanwhile (duplicates, and no key order between the"
            + " two for those); renewals come every {2} ms, so the instance or the database was"
            + " held up for longer than the lease of {3} ms",
        terms.instanceId(),
        hadRow
            ? "had run out " + (nowMicros - previousMicros) / 1_000 + " ms"
            : "had no row (it was deleted)",
        String.valueOf(terms.renewalInterval().toMillis()), // no digit grouping
        String.valueOf(terms.duration().toMillis()));
  }

  /**
   * Gives the lease up: the deliveries this instance still owns may be taken over at once.
   *
   * @throws EventStoreException if the statement failed
   */
  void release() {
    try (Connection connection = database.connection();
        PreparedStatement release = connection.prepareStatement(RELEASE)) {
      release.setString(1, terms.instanceId());
      release.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("release of the lease of instance '" + terms.instanceId() + "'", e);
    }
  }
}
