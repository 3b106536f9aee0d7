package dev.eventbus.durable;

import dev.eventbus.api.EventHandler;
import dev.eventbus.api.spi.ProcessedEventLog;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Wraps a handler so that it skips events it has processed before, by the event's own identity:
 * what a handler of an at-least-once (durable) bus needs when its side effects must not repeat.
 *
 * <p>An event counts as processed once the wrapped handler has returned normally; a handler that
 * throws has not processed it, so a retry or a redelivery runs it again. The window this leaves is
 * between the handler's return and the record in the log: a crash there repeats the side effect.
 * Closing it needs the record and the side effect in one transaction, in the handler's own
 * database. Two deliveries of one event running at the same time (an order-free subscription) can
 * both run the handler.
 *
 * <pre>{@code
 * bus.subscribe(Payment.class,
 *     IdempotentHandler.of("payments", Payment::paymentId, processedLog, payments::capture),
 *     SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("payments").build());
 * }</pre>
 *
 * @param <E> the event type
 */
public final class IdempotentHandler<E> implements EventHandler<E> {

  private final String scope;
  private final Function<? super E, ?> idOf;
  private final ProcessedEventLog log;
  private final EventHandler<? super E> delegate;
  private final LongAdder skipped = new LongAdder();

  private IdempotentHandler(
      String scope,
      Function<? super E, ?> idOf,
      ProcessedEventLog log,
      EventHandler<? super E> delegate) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.idOf = Objects.requireNonNull(idOf, "idOf");
    this.log = Objects.requireNonNull(log, "log");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Wraps {@code delegate}.
   *
   * @param scope what the log records processed ids under, e.g. the subscription's name
   * @param idOf the event's own identity; its {@code toString()} is the key
   * @param log where processed ids are remembered
   * @param delegate the handler
   * @param <E> the event type
   * @return a handler that runs {@code delegate} once per event identity within {@code scope}
   */
  public static <E> IdempotentHandler<E> of(
      String scope,
      Function<? super E, ?> idOf,
      ProcessedEventLog log,
      EventHandler<? super E> delegate) {
    return new IdempotentHandler<>(scope, idOf, log, delegate);
  }

  @Override
  public void handle(E event) throws Exception {
    Object id = idOf.apply(event);
    if (id == null) {
      throw new IllegalArgumentException(
          "the id of " + event.getClass().getName() + " is null; cannot tell a repeat");
    }
    String key = id.toString();
    if (log.isProcessed(scope, key)) {
      skipped.increment();
      return;
    }
    delegate.handle(event);
    if (!log.markProcessed(scope, key)) {
      skipped.increment(); // processed meanwhile by a concurrent delivery of the same event
    }
  }

  /** {@return the number of deliveries skipped because the event had been processed} */
  public long skipped() {
    return skipped.sum();
  }

  @Override
  public int priority() {
    return delegate.priority();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean supportsAsync() {
    return delegate.supportsAsync();
  }
}
