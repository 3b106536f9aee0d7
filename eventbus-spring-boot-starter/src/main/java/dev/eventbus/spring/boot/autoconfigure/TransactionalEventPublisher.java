package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.EventBusStoppedException;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Publishes events in the transaction Spring manages on the calling thread (the transactional
 * outbox with Spring): the durable bus appends the event and its pending deliveries through the
 * connection of that transaction, so they commit or roll back with the application's own rows.
 * Asynchronous deliveries, and SYNC ones of subscriptions that ask for it ({@code @Subscribe(mode =
 * SYNC, afterCommit = true)}, {@link SubscriptionOptions#afterCommit()}), are made once the
 * transaction has committed, never after a rollback; other SYNC subscriptions run now, inside it.
 *
 * <pre>
 * &#64;Transactional
 * public void place(String orderId) {
 *   jdbc.update("INSERT INTO orders (id) VALUES (?)", orderId);
 *   events.publish(new OrderPlaced(orderId)); // events: this bean, injected
 * }
 * </pre>
 *
 * <p>The starter makes one when the application has spring-jdbc and a single {@link DataSource}
 * bean. The bus needs storage on that same database (a {@code DurableStorage} over {@code
 * JdbcDatabase.of(dataSource, dialect)}), and the transaction a manager that binds that data
 * source's connection to the thread ({@code DataSourceTransactionManager}, {@code
 * JdbcTransactionManager} or {@code JpaTransactionManager}, as Spring Boot configures). See {@link
 * UnifiedEventBus#publish(Object, dev.eventbus.api.EventTransaction)}.
 *
 * @since 0.1
 */
public final class TransactionalEventPublisher {

  private final UnifiedEventBus bus;
  private final DataSource dataSource;

  /**
   * A publisher to {@code bus} in the transactions Spring manages on {@code dataSource}.
   *
   * @param bus the bus, with storage on {@code dataSource}'s database
   * @param dataSource the application's data source, which the transactions run on
   */
  public TransactionalEventPublisher(UnifiedEventBus bus, DataSource dataSource) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Publishes {@code event} in the current Spring-managed transaction.
   *
   * @param event the event
   * @return the deliveries made now (SYNC subscriptions inside the transaction); those after the
   *     commit are counted in {@link UnifiedEventBus#stats()}
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalStateException if no Spring-managed transaction is active on this thread (the
   *     message names {@code @Transactional} and {@code TransactionTemplate}), if that transaction
   *     does not run on this publisher's data source, or if the bus has no storage that can join it
   * @throws EventBusStoppedException if the bus is not running
   * @throws RuntimeException whatever the store threw when it could not append the event; let it
   *     roll the transaction back
   */
  public PublishResult publish(Object event) {
    Objects.requireNonNull(event, "event");
    SpringManagedTransaction transaction = SpringManagedTransaction.current(dataSource);
    try {
      return bus.publish(event, transaction);
    } finally {
      transaction.release();
    }
  }
}
