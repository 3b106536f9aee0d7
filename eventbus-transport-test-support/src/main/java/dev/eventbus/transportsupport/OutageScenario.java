package dev.eventbus.transportsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventbus.api.DeadLetterFilter;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.SubscriptionOptions;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.durable.DurableStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The broker stops while the sending bus publishes: the relay's deliveries stay pending in the
 * store, each failed send counted, no dead letter, while another {@code ASYNC} subscription of the
 * sending bus (a bystander) gets every event at once, its lanes not held by the relay's waits; once
 * the broker is back they go out in order per key, and the receiving bus gets every event once, in
 * order per key. Each transport's restart test sets up its broker, relay and inbound side and runs
 * this.
 */
public final class OutageScenario {

  /** How many events the scenario publishes; three go out before the outage. */
  public static final int EVENTS = 15;

  private static final int BEFORE = 3;
  private static final Duration BYSTANDER_PATIENCE = Duration.ofSeconds(5);
  private static final int KEYS = 3;

  /** What the scenario needs of the transport under test. */
  public interface Transport {

    /**
     * Stops the broker.
     *
     * @throws Exception if it cannot be stopped
     */
    void stop() throws Exception;

    /**
     * Starts the broker again, with what it stored before the stop.
     *
     * @throws Exception if it cannot be started
     */
    void startAgain() throws Exception;

    /**
     * Waits, while the broker is down, for what the transport shows of it beyond the relay's failed
     * sends (an inbound side's counted failures); nothing by default.
     */
    default void whileDown() {}

    /**
     * The relay's counts.
     *
     * @return sends attempted, acknowledged, failed
     */
    Counts counts();

    /**
     * Everything the relay wrote to the channel, in channel order, sends made again included.
     *
     * @param atLeast how many messages there are at least
     * @return each message's event id and partition key
     * @throws Exception if the channel cannot be read
     */
    List<Written> written(int atLeast) throws Exception;
  }

  /**
   * A relay's counts.
   *
   * @param sendAttempts sends attempted, every retry counted
   * @param acknowledged sends the broker confirmed
   * @param failedSends sends that failed and were tried again
   */
  public record Counts(long sendAttempts, long acknowledged, long failedSends) {}

  /**
   * One message as the relay wrote it.
   *
   * @param eventId its event id
   * @param key its partition key
   */
  public record Written(String eventId, String key) {}

  private OutageScenario() {}

  /**
   * Subscribes a recorder of {@link OrderPlaced} events to the receiving bus.
   *
   * @param receiver the bus the inbound side publishes into
   * @return the events it receives, in arrival order
   */
  public static List<OrderPlaced> receive(UnifiedEventBus receiver) {
    List<OrderPlaced> received = new CopyOnWriteArrayList<>();
    receiver.subscribe(
        OrderPlaced.class,
        received::add,
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("received").build());
    return received;
  }

  /**
   * Runs the scenario.
   *
   * @param bus the sending bus, with the relay of {@link OrderPlaced} attached
   * @param storage the sending bus's storage
   * @param subscription the relay's subscription for {@link OrderPlaced}
   * @param received what {@link #receive} records on the receiving bus
   * @param transport the broker and the relay's view
   * @return how many messages the channel holds (sends made again included)
   * @throws Exception if the transport fails to stop, start or be read
   */
  public static int run(
      UnifiedEventBus bus,
      DurableStorage storage,
      String subscription,
      List<OrderPlaced> received,
      Transport transport)
      throws Exception {
    List<OrderPlaced> bystander = new CopyOnWriteArrayList<>();
    bus.subscribe(
        OrderPlaced.class,
        bystander::add,
        SubscriptionOptions.builder().mode(ProcessingMode.ASYNC).name("bystander").build());
    for (int i = 1; i <= BEFORE; i++) {
      bus.publish(order(i));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> transport.counts().acknowledged() == BEFORE);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == BEFORE);

    transport.stop();
    for (int i = BEFORE + 1; i <= EVENTS; i++) {
      bus.publish(order(i));
    }
    // The relay's sends wait and back off now; another ASYNC subscription of the same bus, whose
    // deliveries of the same keys hash to the same shards, still gets every event at once.
    await().atMost(BYSTANDER_PATIENCE).untilAsserted(() -> assertThat(bystander).hasSize(EVENTS));
    assertThat(transport.counts().acknowledged()).isEqualTo(BEFORE);
    await().atMost(Duration.ofSeconds(30)).until(() -> transport.counts().failedSends() >= 6);
    assertThat(transport.counts().acknowledged()).isEqualTo(BEFORE);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(storage.store().pendingDeliveries(subscription).count())
                    .isEqualTo(EVENTS - BEFORE));
    assertThat(bus.deadLetters().orElseThrow().letters(DeadLetterFilter.all())).isEmpty();
    transport.whileDown();

    transport.startAgain();
    await().atMost(Duration.ofSeconds(60)).until(() -> transport.counts().acknowledged() >= EVENTS);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(storage.store().pendingDeliveries(subscription).count()).isZero());
    Counts counts = transport.counts();
    assertThat(counts.sendAttempts()).isEqualTo(counts.acknowledged() + counts.failedSends());
    assertThat(counts.failedSends()).isGreaterThanOrEqualTo(6);

    List<Written> written = transport.written(EVENTS);
    Map<String, List<Integer>> firstSeenByKey = new HashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Written message : written) {
      if (seen.add(message.eventId())) {
        firstSeenByKey
            .computeIfAbsent(message.key(), k -> new ArrayList<>())
            .add(Integer.parseInt(message.eventId().substring("order-".length())));
      }
    }
    assertThat(seen).hasSize(EVENTS);
    assertThat(firstSeenByKey).hasSize(KEYS);
    firstSeenByKey.values().forEach(sequences -> assertThat(sequences).isSorted());

    await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= EVENTS);
    Map<String, List<Integer>> receivedByKey = new HashMap<>();
    received.forEach(
        o -> receivedByKey.computeIfAbsent(o.account(), k -> new ArrayList<>()).add(o.sequence()));
    assertThat(received).hasSize(EVENTS);
    assertThat(receivedByKey).hasSize(KEYS);
    receivedByKey.values().forEach(sequences -> assertThat(sequences).isSorted());
    return written.size();
  }

  private static OrderPlaced order(int sequence) {
    return new OrderPlaced("order-" + sequence, "account-" + (sequence % KEYS), sequence);
  }
}
