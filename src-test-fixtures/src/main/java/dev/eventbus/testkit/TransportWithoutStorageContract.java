package dev.eventbus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.RetryPolicy;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.testkit.TransportContract.Keyed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a transport's inbound side on a receiving bus <em>without</em> storage: there,
 * nothing keeps an event once {@code publish} returned, so a message is acknowledged (its offset
 * committed, its entry {@code XACK}ed) only after every local handler finished; a handler that
 * fails for good or never finishes (a crash) leaves it unacknowledged, and it comes again.
 * Duplicates are dropped by event id within the window of the in-memory processed-event log. A
 * transport's test class extends it and gives an {@link UnstoredLink} per test.
 */
public abstract class TransportWithoutStorageContract {

  /** How long a test waits for the transport to carry its events. */
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * How long a message held by a failed handling waits before it is tried again: the links give it
   * to their inbound side's {@code retryBackoff}.
   */
  public static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

  private UnstoredLink link;

  /** For subclasses. */
  protected TransportWithoutStorageContract() {}

  /**
   * Two buses joined by the transport under test: a sender with storage and a receiver without
   * storage, whose inbound side retries after {@link #RETRY_BACKOFF} and drops duplicates through
   * an in-memory processed-event log of a given number of ids.
   */
  public interface UnstoredLink extends TransportContract.Link {

    /**
     * The bus the transport publishes received events into.
     *
     * @return a running bus without storage
     */
    @Override
    UnifiedEventBus receiver();

    /**
     * How many messages of the channel the receiver's group has not acknowledged: read but not yet
     * acknowledged, or not yet read.
     *
     * @return the count, asked of the broker
     * @throws Exception if the broker cannot be asked
     */
    long unacknowledged() throws Exception;

    /**
     * Stops the receiving bus and its inbound side at once, as a crash would, and starts a new bus
     * without storage and a new inbound side in the same group (the same member, where the
     * transport names members).
     *
     * @return the new receiving bus
     * @throws Exception if the transport fails
     */
    UnifiedEventBus restartReceiver() throws Exception;
  }

  /**
   * A new link for one test, closed after it.
   *
   * @param dedupWindow how many event ids the receiver's in-memory processed-event log keeps
   * @return the two buses joined by the transport under test
   * @throws Exception if it cannot be set up
   */
  protected abstract UnstoredLink link(int dedupWindow) throws Exception;

  @AfterEach
  void unlink() {
    if (link != null) {
      link.close();
    }
  }

  @Test
  void aMessageIsAcknowledgedOnlyOnceItsHandlerFinished() throws Exception {
    link = link(100);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Keyed> handled = new CopyOnWriteArrayList<>();
    link.receiver()
        .subscribe(
            Keyed.class,
            event -> {
              entered.countDown();
              if (!release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("not released");
              }
              handled.add(event);
            },
            asyncNamed("held"));

    Keyed event = new Keyed("held-1", "k", 1);
    link.sender().publish(event);
    assertThat(entered.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    Polling.holdsFor(
        Duration.ofMillis(600), () -> link.unacknowledged() == 1, "unacknowledged is 1");

    release.countDown();
    Polling.until(
        () -> link.unacknowledged() == 0, PATIENCE, "acknowledged once the handler finished");
    assertThat(handled).containsExactly(event);
  }

  @Test
  void aMessageWhoseHandlerFails_comesAgain_untilItsHandlerFinishes() throws Exception {
    link = link(100);
    AtomicInteger calls = new AtomicInteger();
    List<Keyed> handled = new CopyOnWriteArrayList<>();
    link.receiver()
        .subscribe(
            Keyed.class,
            event -> {
              if (event.id().equals("failing-1") && calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("failure " + calls.get() + " of the handler");
              }
              handled.add(event);
            },
            SubscriptionOptions.builder()
                .mode(ProcessingMode.ASYNC)
                .name("failing")
                .retryPolicy(RetryPolicy.none())
                .build());

    Keyed failing = new Keyed("failing-1", "k", 1);
    Keyed after = new Keyed("failing-2", "k", 2);
    link.sender().publish(failing);
    link.sender().publish(after);

    Polling.until(
        () -> handled.contains(after), PATIENCE, "the event after the failing one handled");
    assertThat(calls.get()).isEqualTo(3);
    assertThat(handled).containsExactly(failing, after);
    Polling.until(() -> link.unacknowledged() == 0, PATIENCE, "both acknowledged");
  }

  @Test
  void aMessageWhoseHandlerNeverFinished_comesAgainAfterACrash() throws Exception {
    link = link(100);
    CountDownLatch entered = new CountDownLatch(1);
    link.receiver()
        .subscribe(
            Keyed.class,
            event -> {
              entered.countDown();
              // Never finishes on its own: the crash interrupts it.
              new CountDownLatch(1).await();
            },
            asyncNamed("crashing"));
    Keyed event = new Keyed("crash-1", "k", 1);
    link.sender().publish(event);
    assertThat(entered.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    UnifiedEventBus restarted = link.restartReceiver();
    List<Keyed> handled = new CopyOnWriteArrayList<>();
    restarted.subscribe(Keyed.class, handled::add, asyncNamed("after-crash"));

    Polling.until(() -> handled.contains(event), PATIENCE, "the message handled after the crash");
    Polling.until(() -> link.unacknowledged() == 0, PATIENCE, "acknowledged after the crash");
    assertThat(handled).containsExactly(event);
  }

  /**
   * Within the window the in-memory log keeps (the last {@code dedupWindow} ids it marked), a
   * message sent again is dropped; one whose id was pushed out of it is handled again.
   */
  @Test
  void aMessageSentAgain_isDroppedWithinTheDedupWindow_andHandledAgainOnceOutOfIt()
      throws Exception {
    link = link(3);
    List<Keyed> handled = new CopyOnWriteArrayList<>();
    link.receiver().subscribe(Keyed.class, handled::add, asyncNamed("window"));
    Keyed first = new Keyed("window-1", "k", 1);
    Keyed second = new Keyed("window-2", "k", 2);
    Keyed third = new Keyed("window-3", "k", 3);
    link.sender().publish(first);
    link.sender().publish(second);
    link.sender().publish(third);
    Polling.until(() -> handled.size() == 3, PATIENCE, "three events handled");

    link.sendAgain(first); // the window holds 1, 2, 3: dropped
    link.sendAgain(third);
    Keyed fourth = new Keyed("window-4", "k", 4);
    link.sender().publish(fourth); // the window now holds 2, 3, 4
    Polling.until(() -> handled.contains(fourth), PATIENCE, "the fourth event handled");
    link.sendAgain(first); // out of the window: handled again
    link.sendAgain(fourth); // within it: dropped
    Keyed fifth = new Keyed("window-5", "k", 5);
    link.sender().publish(fifth);

    Polling.until(() -> handled.contains(fifth), PATIENCE, "the fifth event handled");
    assertThat(handled).containsExactly(first, second, third, fourth, first, fifth);
  }

  private static SubscriptionOptions asyncNamed(String name) {
    return SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name(name).build();
  }
}
