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
 * <p>Payments run first (priority {@value #PRIORITY}) and are retried on ledger timeouts ({@link
 * #LEDGER_RETRY}); a payment the ledger refuses fails for good and reaches the bus's exception
 * handler. Refunds subscribe with a filter, so cancellations of unpaid orders never reach them.
 * Thread-safe, so that its handlers may later run on bus worker threads.
 */
public final class BillingService {

  public static final String PAYMENTS = "billing.payments";
  public static final String REFUNDS = "billing.refunds";
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
        OrderPaid.class,
        this::bookPayment,
        SubscriptionOptions.builder()
            .name(PAYMENTS)
            .priority(PRIORITY)
            .mode(mode)
            .retryPolicy(LEDGER_RETRY)
            .build());
    bus.subscribe(
        OrderCancelled.class,
        this::refund,
        SubscriptionOptions.builder()
            .name(REFUNDS)
            .priority(PRIORITY)
            .mode(mode)
            .filter(
                event -> event instanceof OrderCancelled cancelled && cancelled.refundCents() > 0)
            .build());
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
