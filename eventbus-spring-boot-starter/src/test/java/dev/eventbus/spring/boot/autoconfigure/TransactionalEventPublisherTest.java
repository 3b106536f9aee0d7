package dev.eventbus.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.spring.boot.autoconfigure.EventBusAutoConfigurationTest.OrderCodec;
import dev.eventbus.spring.boot.autoconfigure.EventBusAutoConfigurationTest.OrderPlaced;
import dev.eventbus.store.jdbc.JdbcDatabase;
import dev.eventbus.store.jdbc.JdbcDialect;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Publishing in Spring-managed transactions, for real: a SQLite file is the application's {@code
 * DataSource} and the event store's database, a {@link DataSourceTransactionManager} runs the
 * transactions ({@link TransactionTemplate} and {@code @Transactional}). The event commits or rolls
 * back with the application's row; ASYNC and after-commit SYNC subscribers get it only after the
 * commit, never after a rollback; a plain SYNC subscriber runs inside the transaction. Runs on
 * Spring Boot 3.5 (this module) and 4.0 (eventbus-spring-boot4-tests).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TransactionalEventPublisherTest {

  @TempDir Path directory;
  private DataSource dataSource;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EventBusAutoConfiguration.class));

  @BeforeEach
  void createTheApplicationsTables() throws SQLException {
    dataSource = sqlite(directory.resolve("app.db"));
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (id TEXT PRIMARY KEY)");
      statement.execute("CREATE TABLE audit (id TEXT PRIMARY KEY)");
    }
  }

  /** A SQLite file as an application's data source: one new connection per call. */
  private static DataSource sqlite(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(30_000);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file);
    return sqlite;
  }

  /** The outbox by hand: the event store on the application's own database. */
  @Configuration(proxyBeanMethods = false)
  static class Outbox {

    @Bean
    JdbcDatabase eventDatabase(DataSource dataSource) {
      return JdbcDatabase.of(dataSource, JdbcDialect.SQLITE);
    }

    @Bean
    DurableStorage eventStorage(JdbcDatabase eventDatabase) {
      return DurableStorage.builder(eventDatabase.eventStore(), new OrderCodec()).build();
    }
  }

  /** Spring's JDBC transactions over the data source, as Spring Boot configures them. */
  @Configuration(proxyBeanMethods = false)
  static class Transactions {

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
      return new TransactionTemplate(transactionManager);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
      return new JdbcTemplate(dataSource);
    }
  }

  /** {@code @Transactional} methods, as in a Spring Boot application. */
  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement(proxyTargetClass = true)
  static class TransactionalMethods {}

  /** The codec the auto-configured storage stores events with. */
  @Configuration(proxyBeanMethods = false)
  static class Codec {

    @Bean
    EventCodec orderCodec() {
      return new OrderCodec();
    }
  }

  /** The application's subscribers, one of each kind. */
  static class Subscribers {
    final List<String> async = new CopyOnWriteArrayList<>();
    final List<String> inside = new CopyOnWriteArrayList<>();
    final List<Boolean> insideSawATransaction = new CopyOnWriteArrayList<>();
    final List<String> afterCommit = new CopyOnWriteArrayList<>();
    final List<Long> ordersSeenAfterCommit = new CopyOnWriteArrayList<>();
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    Subscribers(JdbcTemplate jdbc, DataSource dataSource) {
      this.jdbc = jdbc;
      this.dataSource = dataSource;
    }

    @Subscribe(mode = ProcessingMode.ASYNC)
    public void async(OrderPlaced event) {
      async.add(event.orderId());
    }

    /** Runs inside the transaction: its audit row commits or rolls back with it. */
    @Subscribe(mode = ProcessingMode.SYNC)
    public void inside(OrderPlaced event) {
      inside.add(event.orderId());
      insideSawATransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
      jdbc.update("INSERT INTO audit (id) VALUES (?)", event.orderId());
    }

    /** Runs after the commit: another connection already sees the committed order. */
    @Subscribe(mode = ProcessingMode.SYNC, afterCommit = true)
    public void afterCommit(OrderPlaced event) {
      afterCommit.add(event.orderId());
      ordersSeenAfterCommit.add(count(dataSource, "SELECT COUNT(*) FROM orders"));
    }
  }

  /** A service as an application writes it. */
  static class Orders {
    private final JdbcTemplate jdbc;
    private final TransactionalEventPublisher events;

    Orders(JdbcTemplate jdbc, TransactionalEventPublisher events) {
      this.jdbc = jdbc;
      this.events = events;
    }

    @Transactional
    public void place(String orderId) {
      jdbc.update("INSERT INTO orders (id) VALUES (?)", orderId);
      events.publish(new OrderPlaced(orderId));
    }

    @Transactional
    public void placeThenFail(String orderId) {
      place(orderId);
      throw new IllegalStateException("payment refused for " + orderId);
    }
  }

  private ApplicationContextRunner outbox() {
    return runner
        .withBean(DataSource.class, () -> dataSource)
        .withUserConfiguration(Outbox.class, Transactions.class)
        .withBean(Subscribers.class)
        .withBean(Orders.class);
  }

  /** The beans the {@link TransactionTemplate} tests use. */
  private record App(
      TransactionTemplate transactions,
      JdbcTemplate jdbc,
      TransactionalEventPublisher events,
      Subscribers subscribers) {

    static App of(ApplicationContext context) {
      return new App(
          context.getBean(TransactionTemplate.class),
          context.getBean(JdbcTemplate.class),
          context.getBean(TransactionalEventPublisher.class),
          context.getBean(Subscribers.class));
    }

    /** The order's row and its event, in the current transaction. */
    void place(String orderId) {
      jdbc.update("INSERT INTO orders (id) VALUES (?)", orderId);
      events.publish(new OrderPlaced(orderId));
    }
  }

  @Test
  void aCommitStoresTheRowAndTheEventAndDeliversAfterTheCommit() {
    outbox()
        .run(
            context -> {
              App app = App.of(context);
              Subscribers subscribers = app.subscribers();

              app.transactions()
                  .executeWithoutResult(
                      status -> {
                        app.place("o-1");

                        assertThat(subscribers.inside).containsExactly("o-1");
                        assertThat(subscribers.insideSawATransaction).containsExactly(true);
                        assertThat(subscribers.afterCommit).isEmpty();
                        assertThat(subscribers.async).isEmpty();
                        assertThat(countOutside("SELECT COUNT(*) FROM eventbus_events"))
                            .as("the event is not visible before the commit")
                            .isZero();
                      });

              assertThat(subscribers.afterCommit).containsExactly("o-1");
              assertThat(subscribers.ordersSeenAfterCommit).containsExactly(1L);
              awaitAsync(subscribers, "o-1");
              assertThat(subscribers.async).containsExactly("o-1");
              assertThat(countOutside("SELECT COUNT(*) FROM orders")).isEqualTo(1);
              assertThat(countOutside("SELECT COUNT(*) FROM audit")).isEqualTo(1);
              assertThat(countOutside("SELECT COUNT(*) FROM eventbus_events")).isEqualTo(1);
            });
  }

  @Test
  void aRollbackStoresNeitherRowNorEventAndDeliversNothingAfterwards() {
    outbox()
        .run(
            context -> {
              App app = App.of(context);
              Subscribers subscribers = app.subscribers();

              assertThatThrownBy(
                      () ->
                          app.transactions()
                              .executeWithoutResult(
                                  status -> {
                                    app.place("o-2");
                                    throw new IllegalStateException("payment refused");
                                  }))
                  .hasMessage("payment refused");

              // A marker published outside any transaction: ASYNC deliveries of one type arrive
              // in order, so once it is there, o-2 would have been before it.
              context.getBean(UnifiedEventBus.class).publish(new OrderPlaced("marker"));
              awaitAsync(subscribers, "marker");
              assertThat(subscribers.async).containsExactly("marker");
              assertThat(subscribers.afterCommit).containsExactly("marker");
              assertThat(subscribers.inside)
                  .as("the SYNC subscriber ran inside the transaction; its row rolled back")
                  .containsExactly("o-2", "marker");
              assertThat(countOutside("SELECT COUNT(*) FROM orders")).isZero();
              assertThat(countOutside("SELECT COUNT(*) FROM audit WHERE id = 'o-2'")).isZero();
              assertThat(countOutside("SELECT COUNT(*) FROM eventbus_events")).isEqualTo(1);
            });
  }

  @Test
  void aTransactionalMethodCommitsOrRollsBackTheEventWithItsRowsOnTheAutoConfiguredStore() {
    runner
        .withBean(DataSource.class, () -> dataSource)
        .withUserConfiguration(Codec.class, Transactions.class, TransactionalMethods.class)
        .withBean(Subscribers.class)
        .withBean(Orders.class)
        .withPropertyValues("eventbus.storage.jdbc.enabled=true")
        .run(
            context -> {
              assertThat(context.getBean(JdbcDatabase.class).dialect())
                  .isEqualTo(JdbcDialect.SQLITE);
              Orders orders = context.getBean(Orders.class);
              Subscribers subscribers = context.getBean(Subscribers.class);

              orders.place("o-3");
              assertThat(subscribers.afterCommit).containsExactly("o-3");
              assertThatThrownBy(() -> orders.placeThenFail("o-4"))
                  .hasMessage("payment refused for o-4");
              assertThat(subscribers.afterCommit).containsExactly("o-3");

              awaitAsync(subscribers, "o-3");
              context.getBean(UnifiedEventBus.class).publish(new OrderPlaced("marker"));
              awaitAsync(subscribers, "marker");
              assertThat(subscribers.async).containsExactly("o-3", "marker");
              assertThat(countOutside("SELECT COUNT(*) FROM orders")).isEqualTo(1);
              assertThat(countOutside("SELECT COUNT(*) FROM eventbus_events")).isEqualTo(2);
            });
  }

  @Test
  void theStoreOnTheDataSourceIsMadeOnlyWhenAskedForAndTheApplicationsOwnWins() {
    runner
        .withBean(DataSource.class, () -> dataSource)
        .withUserConfiguration(Codec.class)
        .run(context -> assertThat(context).doesNotHaveBean(JdbcDatabase.class));
    runner
        .withBean(DataSource.class, () -> dataSource)
        .withUserConfiguration(Codec.class, Outbox.class)
        .withPropertyValues("eventbus.storage.jdbc.enabled=true")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DurableStorage.class).hasBean("eventStorage");
              assertThat(context).doesNotHaveBean("eventBusStorage");
              assertThat(context).doesNotHaveBean("eventBusDatabase");
            });
  }

  @Test
  void theStoreOnTheDataSourceFailsTheStartNamingWhatIsMissing() {
    ApplicationContextRunner enabled =
        runner.withPropertyValues("eventbus.storage.jdbc.enabled=true");
    assertStartFails(
        enabled.withUserConfiguration(Codec.class),
        "eventbus.storage.jdbc.enabled=true",
        "no single (or primary) DataSource bean");
    assertStartFails(
        enabled.withBean(DataSource.class, () -> dataSource),
        "eventbus.storage.jdbc.enabled=true",
        "needs a single EventCodec bean");
    assertStartFails(
        enabled
            .withBean(DataSource.class, () -> namedDatabase("H2"))
            .withUserConfiguration(Codec.class),
        "stores events on SQLite or PostgreSQL",
        "DataSource is H2");
    assertStartFails(
        enabled
            .withBean(DataSource.class, () -> dataSource)
            .withUserConfiguration(Codec.class)
            .withClassLoader(new FilteredClassLoader(JdbcDatabase.class)),
        "eventbus.storage.jdbc.enabled=true needs eventbus-store-jdbc on the class path");
  }

  /** Runs {@code context} and checks that its start failed with a message holding every part. */
  private static void assertStartFails(ApplicationContextRunner context, String... parts) {
    context.run(
        started -> {
          assertThat(started.getStartupFailure()).as("the start failed").isNotNull();
          assertThat(EventBusAutoConfigurationTest.messages(started.getStartupFailure()))
              .anySatisfy(message -> assertThat(message).contains(parts));
        });
  }

  @Test
  void publishingWithoutATransactionFailsSayingSo() {
    outbox()
        .run(
            context -> {
              TransactionalEventPublisher events =
                  context.getBean(TransactionalEventPublisher.class);
              Subscribers subscribers = context.getBean(Subscribers.class);

              assertThatThrownBy(() -> events.publish(new OrderPlaced("o-5")))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageStartingWith("no Spring-managed transaction is active")
                  .hasMessageContaining("@Transactional")
                  .hasMessageContaining("TransactionTemplate");
              assertThatThrownBy(() -> events.publish(null))
                  .isInstanceOf(NullPointerException.class)
                  .hasMessage("event");

              assertThat(subscribers.inside).isEmpty();
              assertThat(subscribers.afterCommit).isEmpty();
              assertThat(countOutside("SELECT COUNT(*) FROM eventbus_events")).isZero();
            });
  }

  @Test
  void aTransactionOnAnotherDataSourceIsRefusedByName() {
    DataSource other = sqlite(directory.resolve("other.db"));
    outbox()
        .run(
            context -> {
              TransactionalEventPublisher events =
                  context.getBean(TransactionalEventPublisher.class);
              TransactionTemplate elsewhere =
                  new TransactionTemplate(new DataSourceTransactionManager(other));

              assertThatThrownBy(
                      () ->
                          elsewhere.executeWithoutResult(
                              status -> events.publish(new OrderPlaced("o-6"))))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("does not run on the DataSource")
                  .hasMessageContaining("DataSourceTransactionManager");
              assertThat(context.getBean(Subscribers.class).inside).isEmpty();
              assertThat(countOutside("SELECT COUNT(*) FROM eventbus_events")).isZero();
            });
  }

  @Test
  void aBusWithoutStorageSaysItCannotPublishInATransaction() {
    runner
        .withBean(DataSource.class, () -> dataSource)
        .withUserConfiguration(Transactions.class)
        .run(
            context -> {
              TransactionalEventPublisher events =
                  context.getBean(TransactionalEventPublisher.class);
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(TransactionTemplate.class)
                              .executeWithoutResult(
                                  status -> events.publish(new OrderPlaced("o-7"))))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("needs a bus with storage");
            });
  }

  @Test
  void thePublisherIsMadeOnlyWithSpringJdbcAndOneDataSource() {
    runner.run(context -> assertThat(context).doesNotHaveBean(TransactionalEventPublisher.class));
    runner
        .withBean(DataSource.class, () -> dataSource)
        .withClassLoader(new FilteredClassLoader(DataSourceUtils.class))
        .run(context -> assertThat(context).doesNotHaveBean(TransactionalEventPublisher.class));
    runner
        .withBean("first", DataSource.class, () -> dataSource)
        .withBean("second", DataSource.class, () -> sqlite(directory.resolve("second.db")))
        .run(context -> assertThat(context).doesNotHaveBean(TransactionalEventPublisher.class));
    runner
        .withBean(DataSource.class, () -> dataSource)
        .run(context -> assertThat(context).hasSingleBean(TransactionalEventPublisher.class));
  }

  @Test
  void anApplicationsOwnPublisherWins() {
    UnifiedEventBus own = EventBusFactory.builder().modes(ProcessingMode.SYNC).build();
    try {
      runner
          .withBean(DataSource.class, () -> dataSource)
          .withBean(
              "mine",
              TransactionalEventPublisher.class,
              () -> new TransactionalEventPublisher(own, dataSource))
          .run(
              context -> {
                assertThat(context).hasSingleBean(TransactionalEventPublisher.class);
                assertThat(context).hasBean("mine").doesNotHaveBean("transactionalEventPublisher");
              });
      assertThatThrownBy(() -> new TransactionalEventPublisher(own, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("dataSource");
      assertThatThrownBy(() -> new TransactionalEventPublisher(null, dataSource))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("bus");
    } finally {
      own.close();
    }
  }

  /**
   * A data source of a database that calls itself {@code product}: its connections answer only the
   * metadata's product name (and close).
   */
  private static DataSource namedDatabase(String product) {
    DatabaseMetaData metaData =
        proxy(
            DatabaseMetaData.class,
            method -> method.equals("getDatabaseProductName") ? product : null);
    Connection connection =
        proxy(Connection.class, method -> method.equals("getMetaData") ? metaData : null);
    return proxy(DataSource.class, method -> method.equals("getConnection") ? connection : null);
  }

  private static <T> T proxy(Class<T> type, Function<String, @Nullable Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                switch (method.getName()) {
                  case "equals" -> self == args[0];
                  case "hashCode" -> System.identityHashCode(self);
                  case "toString" -> type.getSimpleName() + " proxy";
                  default -> answers.apply(method.getName());
                }));
  }

  private long countOutside(String sql) {
    return count(dataSource, sql);
  }

  /** {@code sql}'s count on a connection of its own, outside any transaction of the caller's. */
  static long count(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void awaitAsync(Subscribers subscribers, String orderId)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!subscribers.async.contains(orderId)) {
      assertThat(System.nanoTime())
          .as("%s delivered to the ASYNC subscriber", orderId)
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
