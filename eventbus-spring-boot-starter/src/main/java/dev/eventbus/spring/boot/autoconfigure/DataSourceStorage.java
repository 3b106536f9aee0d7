package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.store.jdbc.JdbcDatabase;
import dev.eventbus.store.jdbc.JdbcDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The event store on the application's {@link DataSource} that {@code
 * eventbus.storage.jdbc.enabled=true} configures: {@link JdbcDatabase#of(DataSource, JdbcDialect)}
 * with the dialect the database names, and a {@link DurableStorage} over it with the application's
 * codec and upcasters. Each missing piece fails the start with a message that names the property
 * and what to add.
 */
final class DataSourceStorage {

  static final String PROPERTY = EventBusProperties.PREFIX + ".storage.jdbc.enabled";

  private DataSourceStorage() {}

  /**
   * The store's database on {@code dataSource}, the application's only (or primary) one.
   *
   * @throws IllegalStateException if there is none, or its database is neither SQLite nor
   *     PostgreSQL
   */
  static JdbcDatabase database(@Nullable DataSource dataSource) {
    if (dataSource == null) {
      throw new IllegalStateException(
          PROPERTY
              + "=true stores events in the application's DataSource, but the context has no"
              + " single (or primary) DataSource bean: configure one (spring.datasource.*) or"
              + " define a DurableStorage bean");
    }
    return JdbcDatabase.of(dataSource, dialectOf(dataSource));
  }

  /**
   * A storage over {@code database}'s event store.
   *
   * @throws IllegalStateException if the application has no {@link EventCodec} bean
   */
  static DurableStorage storage(
      JdbcDatabase database, @Nullable EventCodec codec, List<EventUpcaster> upcasters) {
    if (codec == null) {
      throw new IllegalStateException(
          PROPERTY
              + "=true needs a single EventCodec bean to store events with (for example"
              + " JacksonEventCodec.builder()...build() from eventbus-codec-jackson)");
    }
    return DurableStorage.builder(database.eventStore(), codec).upcasters(upcasters).build();
  }

  /**
   * The dialect of the database {@code dataSource} connects to, from the name it gives itself.
   *
   * @throws IllegalStateException if it cannot be reached, or is neither SQLite nor PostgreSQL
   */
  static JdbcDialect dialectOf(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          PROPERTY + "=true: cannot ask the DataSource which database it is: " + e.getMessage(), e);
    }
    return switch (String.valueOf(product).toLowerCase(Locale.ROOT)) {
      case "sqlite" -> JdbcDialect.SQLITE;
      case "postgresql" -> JdbcDialect.POSTGRESQL;
      default ->
          throw new IllegalStateException(
              PROPERTY
                  + "=true stores events on SQLite or PostgreSQL, but the application's DataSource"
                  + " is "
                  + product
                  + ": define a DurableStorage bean with a store for it instead");
    };
  }
}
