package dev.eventbus.sample;

import dev.eventbus.spring.boot.autoconfigure.TransactionalEventPublisher;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records payments: the payment's row and its {@link OrderPaid} event are written in one Spring
 * transaction (the transactional outbox), so both commit or neither does.
 */
@Service
public class Payments {

  private final JdbcTemplate jdbc;
  private final TransactionalEventPublisher events;

  /**
   * The payments of the application's database.
   *
   * @param jdbc the application's database
   * @param events the starter's publisher into Spring-managed transactions
   */
  public Payments(JdbcTemplate jdbc, TransactionalEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * Records that an order was paid and publishes {@link OrderPaid}, in one transaction. The bank
   * declines orders whose id starts with {@code "declined-"}, after both were written: the
   * transaction rolls back, and with it the row and the event.
   *
   * @param orderId the order
   * @throws PaymentDeclinedException if the bank declined it
   */
  @Transactional
  public void pay(String orderId) {
    jdbc.update("INSERT INTO payments (order_id) VALUES (?)", orderId);
    events.publish(new OrderPaid(orderId));
    if (orderId.startsWith("declined-")) {
      throw new PaymentDeclinedException(orderId);
    }
  }

  /**
   * The orders paid, as the database has them.
   *
   * @return their ids, in order
   */
  public List<String> paid() {
    return jdbc.queryForList("SELECT order_id FROM payments ORDER BY rowid", String.class);
  }
}
