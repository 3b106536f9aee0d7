package dev.eventbus.examples.demo;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Books payments in the {@link Ledger} and issues refunds for paid orders that were cancelled.
 *
 * <p>Payments and refunds share one subscription, with a filter that lets through only payments and
 * cancellations that refund something. That is what keeps refunds right in every mode: the bus
 * delivers one order's events to one subscription in publish order, but two subscriptions of a
 * queued mode run independently, so a separate refunds subscription could see a cancellation before
 * a payments subscription had booked the payment it refunds.
 *
 * <p>It runs first (priority {@value #PRIORITY}) and is retried on ledger timeouts ({@link
 * #LEDGER_RETRY}); a payment the ledger refuses, or a refund of a payment that was never booked,
 * fails for good and reaches the bus's exception handler and dead-letter queue. Thread-safe: in
 * {@code ASYNC} mode its handler runs for different orders at once.
 */
public final class BillingService {

  public static final String NAME = "billing";
  public static final int PRIORITY = 200;

  /** Up to 3 attempts, 1 ms apart, and only for timeouts. */
  public static final RetryPolicy LEDGER_RETRY =
      RetryPolicy.builder()
          .maxAttempts(3)
          .initialDelay(Duration.ofMillis(1))
          .retryOn(Ledger.LedgerTimeoutException.class::isInstance)
          .build();

  /** What billing ended with. */
  public record Summary(
      long paymentsBooked,
      long revenueCents,
      long refundsIssued,
      long refundedCents,
      long ledgerCalls,
      long ledgerTimeouts) {

    public long netRevenueCents() {
      return revenueCents - refundedCents;
    }
  }

  private final Ledger ledger;
  private final Set<String> bookedOrders = ConcurrentHashMap.newKeySet();
  private final AtomicLong paymentsBooked = new AtomicLong();
  private final AtomicLong revenueCents = new AtomicLong();
  private final AtomicLong refundsIssued = new AtomicLong();
  private final AtomicLong refundedCents = new AtomicLong();

  public BillingService(UnifiedEventBus bus, Ledger ledger, ProcessingMode mode) {
    Objects.requireNonNull(bus, "bus");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    bus.subscribe(
        OrderEvent.class,
        this::handle,
        SubscriptionOptions.builder()
            .name(NAME)
            .priority(PRIORITY)
            .mode(mode)
            .retryPolicy(LEDGER_RETRY)
            .filter(BillingService::isBillable)
            .build());
  }

  /** Whether billing acts on {@code event}: payments, and cancellations that refund something. */
  public static boolean isBillable(Object event) {
    return event instanceof OrderPaid
        || (event instanceof OrderCancelled cancelled && cancelled.refundCents() > 0);
  }

  private void handle(OrderEvent event)
      throws Ledger.LedgerTimeoutException, Ledger.LedgerLimitException {
    if (event instanceof OrderPaid paid) {
      bookPayment(paid);
    } else if (event instanceof OrderCancelled cancelled) {
      refund(cancelled);
    }
  }

  private void bookPayment(OrderPaid paid)
      throws Ledger.LedgerTimeoutException, Ledger.LedgerLimitException {
    ledger.book(paid.orderId(), paid.amountCents());
    bookedOrders.add(paid.orderId());
    paymentsBooked.incrementAndGet();
    revenueCents.addAndGet(paid.amountCents());
  }

  private void refund(OrderCancelled cancelled) {
    if (!bookedOrders.remove(cancelled.orderId())) {
      throw new IllegalStateException(
          "no booked payment to refund for " + cancelled.orderId() + " (manual review)");
    }
    refundsIssued.incrementAndGet();
    refundedCents.addAndGet(cancelled.refundCents());
  }

  public Summary summary() {
    return new Summary(
        paymentsBooked.get(),
        revenueCents.get(),
        refundsIssued.get(),
        refundedCents.get(),
        ledger.calls(),
        ledger.timeouts());
  }
}
