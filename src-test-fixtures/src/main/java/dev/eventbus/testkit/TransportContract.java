package dev.eventbus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.DeadLetter;
import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.DomainEvent;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every transport between two buses passes (Kafka now; Redis Streams, AMQP, Pulsar
 * later). A test class extends it and gives, per test, a {@link Link}: two running buses with
 * storage, joined by the transport under test so that every {@link Keyed} event the sender
 * publishes reaches the receiver (its codec knows {@code Keyed} under {@link Keyed#TYPE}, its
 * outbound side gives each event the id {@link Keyed#id()}).
 */
public abstract class TransportContract {

  /** How long a test waits for the transport to carry its events. */
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  private Link link;
  private final List<Keyed> received = new CopyOnWriteArrayList<>();

  /** For subclasses. */
  protected TransportContract() {}

  /**
   * The event the contract sends: an id, a partition key and a sequence number per key.
   *
   * @param id the event's id, stable across redeliveries
   * @param key the partition key
   * @param sequence the event's place among its key's events, from 1
   */
  public record Keyed(String id, String key, int sequence) implements DomainEvent {

    /** The type name a transport's codec registers {@code Keyed} under. */
    public static final String TYPE = "testkit.keyed";

    @Override
    public String eventType() {
      return TYPE;
    }

    @Override
    public String partitionKey() {
      return key;
    }
  }

  /** Two buses joined by the transport under test, on a channel of their own. */
  public interface Link extends AutoCloseable {

    /**
     * The bus whose {@link Keyed} events the transport sends.
     *
     * @return a running bus with storage
     */
    UnifiedEventBus sender();

    /**
     * The bus the transport publishes received events into.
     *
     * @return a running bus with storage
     */
    UnifiedEventBus receiver();

    /**
     * Puts {@code event}'s message on the channel again, as a redelivery after a rebalance or a
     * crash would: the same id.
     *
     * @param event an event the sender published
     * @throws Exception if the transport fails
     */
    void sendAgain(Keyed event) throws Exception;

    /**
     * Puts a message on the channel that the receiver cannot decode.
     *
     * @throws Exception if the transport fails
     */
    void sendUndecodable() throws Exception;

    /** Closes the transport's sides and both buses. */
    @Override
    void close();
  }

  /**
   * A new link for one test, closed after it.
   *
   * @return two buses joined by the transport under test
   * @throws Exception if it cannot be set up
   */
  protected abstract Link link() throws Exception;

  @BeforeEach
  void linkAndListen() throws Exception {
    link = link();
    link.receiver()
        .subscribe(
            Keyed.class,
            received::add,
            SubscriptionOptions.builder()
                .mode(ProcessingMode.ASYNC)
                .name("transport-contract")
                .build());
  }

  @AfterEach
  void unlink() {
    link.close();
  }

  @Test
  void everyEventArrivesOnce_inPublishOrderPerKey() throws Exception {
    List<Keyed> sent = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Keyed event = new Keyed("contract-" + i, "key-" + (i % 5), i);
      sent.add(event);
      link.sender().publish(event);
    }

    Polling.until(() -> received.size() >= sent.size(), PATIENCE, "all 40 events received");
    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    Map<String, List<Integer>> sequencesByKey = new LinkedHashMap<>();
    received.forEach(
        e -> sequencesByKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.sequence()));
    assertThat(sequencesByKey).hasSize(5);
    sequencesByKey.forEach((key, sequences) -> assertThat(sequences).as(key).isSorted());
  }

  @Test
  void aMessageSentAgain_isDeliveredOnce() throws Exception {
    Keyed first = new Keyed("again-1", "k", 1);
    link.sender().publish(first);
    Polling.until(() -> received.size() == 1, PATIENCE, "the first event received");

    link.sendAgain(first);
    Keyed second = new Keyed("again-2", "k", 2);
    link.sender().publish(second);

    Polling.until(() -> received.contains(second), PATIENCE, "the second event received");
    assertThat(received).containsExactly(first, second);
  }

  @Test
  void anUndecodableMessage_isAStoredDeadLetterWithItsReason_andTheChannelGoesOn()
      throws Exception {
    link.sendUndecodable();
    Keyed after = new Keyed("after-bad", "k", 1);
    link.sender().publish(after);

    Polling.until(
        () -> received.size() == 1, PATIENCE, "the event after the undecodable message received");
    assertThat(received).containsExactly(after);
    List<DeadLetter> letters =
        link.receiver().deadLetters().orElseThrow().letters(DeadLetterFilter.all());
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).errorMessage()).isNotBlank();
    assertThat(letters.get(0).attempts()).isEqualTo(1);
  }
}
