package dev.eventbus.examples.demo;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounting ledger that billing writes payments to: a remote dependency, simulated. It is
 * flaky in a reproducible way, timing out on every {@code timeoutEvery}-th call, and it refuses any
 * single entry above {@code limitCents} (those go to manual review, so retrying cannot help).
 * Thread-safe.
 */
public final class Ledger {

  /** The call timed out; trying again may work. */
  public static final class LedgerTimeoutException extends Exception {
    public LedgerTimeoutException(String message) {
      super(message);
    }
  }

  /** The ledger refused the entry for good. */
  public static final class LedgerLimitException extends Exception {
    public LedgerLimitException(String message) {
      super(message);
    }
  }

  private final int timeoutEvery;
  private final long limitCents;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();

  /**
   * @throws IllegalArgumentException if {@code timeoutEvery < 2} or {@code limitCents < 1}
   */
  public Ledger(int timeoutEvery, long limitCents) {
    if (timeoutEvery < 2) {
      throw new IllegalArgumentException("timeoutEvery must be >= 2 but was " + timeoutEvery);
    }
    if (limitCents < 1) {
      throw new IllegalArgumentException("limitCents must be >= 1 but was " + limitCents);
    }
    this.timeoutEvery = timeoutEvery;
    this.limitCents = limitCents;
  }

  /** Books one payment. */
  public void book(String orderId, long amountCents)
      throws LedgerTimeoutException, LedgerLimitException {
    Objects.requireNonNull(orderId, "orderId");
    long call = calls.incrementAndGet();
    if (call % timeoutEvery == 0) {
      timeouts.incrementAndGet();
      throw new LedgerTimeoutException("ledger call " + call + " timed out");
    }
    if (amountCents > limitCents) {
      throw new LedgerLimitException(
          Money.format(amountCents)
              + " is over the single-entry limit of "
              + Money.format(limitCents));
    }
  }

  /** How many times {@link #book} was called. */
  public long calls() {
    return calls.get();
  }

  /** How many of those calls timed out. */
  public long timeouts() {
    return timeouts.get();
  }

  public int timeoutEvery() {
    return timeoutEvery;
  }

  public long limitCents() {
    return limitCents;
  }
}
