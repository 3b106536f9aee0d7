package dev.eventbus.examples.demo;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounting ledger that billing writes payments to: a remote dependency, simulated. It is
 * flaky in a reproducible way: the first call for about one order in {@code timeoutEvery} times out
 * (which orders is fixed by the order id's hash, so the same calls time out whatever order the
 * calls arrive in, as they do from the sharded lanes of {@code ASYNC} delivery); calling again for
 * that order works. It refuses any single entry above its limit (those go to manual review, so
 * retrying cannot help) until the limit is {@linkplain #raiseLimit raised}. Thread-safe.
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
  private volatile long limitCents;
  private final Set<String> calledFor = ConcurrentHashMap.newKeySet();
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
    calls.incrementAndGet();
    boolean firstCall = calledFor.add(orderId);
    if (firstCall && Math.floorMod(orderId.hashCode(), timeoutEvery) == 0) {
      timeouts.incrementAndGet();
      throw new LedgerTimeoutException("ledger timed out booking " + orderId);
    }
    long limit = limitCents;
    if (amountCents > limit) {
      throw new LedgerLimitException(
          Money.format(amountCents) + " is over the single-entry limit of " + Money.format(limit));
    }
  }

  /**
   * Raises the single-entry limit, as the ledger's operators would after a manual review.
   *
   * @throws IllegalArgumentException if {@code newLimitCents} is below the limit now
   */
  public void raiseLimit(long newLimitCents) {
    synchronized (this) {
      if (newLimitCents < limitCents) {
        throw new IllegalArgumentException(
            "the limit can only be raised: it is "
                + Money.format(limitCents)
                + ", not "
                + Money.format(newLimitCents));
      }
      limitCents = newLimitCents;
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
