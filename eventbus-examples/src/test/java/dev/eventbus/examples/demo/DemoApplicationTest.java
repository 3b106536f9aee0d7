package dev.eventbus.examples.demo;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingInt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the demo's workload in every mode and checks every number it reports against what the
 * published events imply, computed here from the events alone: the audit counts, a replica of the
 * flaky ledger under the retry policy, the dead-letter replay, fulfilment's final state, and the
 * bus's counters. The numbers are exact in every mode: billing, fulfilment and audit each keep
 * their state per order, the bus delivers one order's events to each subscription in publish order
 * in every mode, and which ledger calls time out depends only on the order id.
 */
class DemoApplicationTest {

  private static final DemoSettings STANDARD = DemoSettings.standard();

  // The timing columns (drained, wall ms) at the end of a comparison table row.
  private static final Pattern TABLE_ROW_TIMINGS =
      Pattern.compile(
          "^(  (?:"
              + Arrays.stream(ProcessingMode.values())
                  .map(ProcessingMode::name)
                  .collect(Collectors.joining("|"))
              + ") .*?) +\\d+ +\\d+$");

  @Test
  void workloadPlacesTheConfiguredOrdersAndEveryOrderFollowsTheLifecycle() {
    List<OrderEvent> events = workloadEvents(STANDARD);

    Map<String, List<String>> typesByOrder = new LinkedHashMap<>();
    for (OrderEvent event : events) {
      typesByOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event.eventType());
    }
    assertThat(typesByOrder).hasSize(STANDARD.orders());
    assertThat(typesByOrder.values())
        .allSatisfy(
            lifecycle ->
                assertThat(lifecycle)
                    .isIn(
                        List.of("order.placed"),
                        List.of("order.placed", "order.cancelled"),
                        List.of("order.placed", "order.paid"),
                        List.of("order.placed", "order.paid", "order.cancelled"),
                        List.of("order.placed", "order.paid", "order.shipped")));
    assertThat(typesByOrder.keySet().stream().filter(id -> id.startsWith("probe-")))
        .hasSize(STANDARD.orders() / OrderWorkload.PROBE_EVERY);
  }

  @ParameterizedTest
  @EnumSource(ProcessingMode.class)
  void everyReportedNumberFollowsFromThePublishedEvents(ProcessingMode mode) throws Exception {
    DemoReport report = DemoApplication.run(STANDARD, mode);
    List<OrderEvent> events = report.publishedEvents();
    assertThat(report.mode()).isEqualTo(mode);
    // What the workload publishes does not depend on the mode or on any subscriber.
    assertThat(events).isEqualTo(workloadEvents(STANDARD));
    List<OrderEvent> real =
        events.stream().filter(event -> !event.orderId().startsWith("probe-")).toList();
    List<OrderEvent> probes =
        events.stream().filter(event -> event.orderId().startsWith("probe-")).toList();

    // The audit trail sees every event the bus-wide filter lets through.
    Map<String, Long> expectedAudit =
        real.stream().collect(groupingBy(OrderEvent::eventType, counting()));
    assertThat(report.auditedByType()).isEqualTo(expectedAudit);

    // Billing during the workload: its filter lets through payments and cancellations that refund
    // something, in publish order.
    ExpectedBilling billing = new ExpectedBilling();
    List<OrderEvent> failedEvents = new ArrayList<>();
    List<String> expectedFailures = new ArrayList<>();
    for (OrderEvent event : real) {
      int failedAfter = 0;
      if (event instanceof OrderPaid paid) {
        failedAfter = billing.pay(paid, DemoApplication.LEDGER_LIMIT_CENTS);
      } else if (event instanceof OrderCancelled cancelled && cancelled.refundCents() > 0) {
        failedAfter = billing.refund(cancelled);
      }
      if (failedAfter > 0) {
        failedEvents.add(event);
        expectedFailures.add(describe(event, failedAfter));
      }
    }
    long workloadRetries = billing.retries;

    // The replay, with the raised limit: each failed event again, in the order it failed.
    int redelivered = 0;
    List<String> replayFailures = new ArrayList<>();
    for (OrderEvent event : failedEvents) {
      int failedAfter =
          event instanceof OrderPaid paid
              ? billing.pay(paid, DemoApplication.RAISED_LEDGER_LIMIT_CENTS)
              : billing.refund((OrderCancelled) event);
      if (failedAfter > 0) {
        replayFailures.add(describe(event, failedAfter));
      } else {
        redelivered++;
      }
    }
    assertThat(report.billing())
        .isEqualTo(
            new BillingService.Summary(
                billing.booked,
                billing.revenue,
                billing.refunds,
                billing.refunded,
                billing.calls,
                billing.timeouts));

    // Fulfilment: where each real order's lifecycle ended.
    Set<String> placed = idsOf(real, OrderPlaced.class);
    Set<String> paid = idsOf(real, OrderPaid.class);
    Set<String> shipped = idsOf(real, OrderShipped.class);
    Set<String> cancelled = idsOf(real, OrderCancelled.class);
    Set<String> awaitingPayment = new HashSet<>(placed);
    awaitingPayment.removeAll(paid);
    awaitingPayment.removeAll(cancelled);
    Set<String> awaitingShipment = new HashSet<>(paid);
    awaitingShipment.removeAll(shipped);
    awaitingShipment.removeAll(cancelled);
    Map<String, Integer> shippedByWarehouse =
        real.stream()
            .filter(OrderShipped.class::isInstance)
            .map(OrderShipped.class::cast)
            .collect(groupingBy(OrderShipped::warehouse, summingInt(event -> 1)));
    assertThat(report.fulfilment())
        .isEqualTo(
            new FulfilmentService.Summary(
                awaitingPayment.size(),
                awaitingShipment.size(),
                shippedByWarehouse,
                cancelled.size()));
    assertThat(shippedByWarehouse.keySet()).isSubsetOf(OrderWorkload.WAREHOUSES);

    // Failures. The publish results are read in publish order, so they come in that order in
    // every mode.
    assertThat(describe(report.publishFailures())).isEqualTo(expectedFailures);
    assertThat(report.publishFailures())
        .allSatisfy(failure -> assertThat(failure.mode()).isEqualTo(mode));
    List<String> expectedReported = concat(expectedFailures, replayFailures);
    List<String> reported = describe(report.reportedFailures());
    List<String> deadLettered = describeLetters(report.deadLetters());
    if (mode == ProcessingMode.ASYNC) {
      // ASYNC runs billing for different orders on different lanes at once, so the exception
      // handler and the dead-letter queue get failures of different orders in any order; only
      // one order's failures keep their order.
      assertThat(reported).containsExactlyInAnyOrderElementsOf(expectedReported);
      assertThat(byOrder(reported)).isEqualTo(byOrder(expectedReported));
      assertThat(deadLettered).containsExactlyInAnyOrderElementsOf(expectedFailures);
      assertThat(byOrder(deadLettered)).isEqualTo(byOrder(expectedFailures));
    } else {
      // SYNC runs billing on the publisher's thread; BATCH and ADAPTIVE give each subscription one
      // ordered lane: billing's failures happen, and are reported, in publish order.
      assertThat(reported).isEqualTo(expectedReported);
      assertThat(deadLettered).isEqualTo(expectedFailures);
    }

    // The dead-letter queue held every failure of the workload; the replay emptied it of those
    // that succeeded this time.
    assertThat(report.replay())
        .isEqualTo(new DeadLetterQueue.ReplayReport(redelivered, replayFailures.size(), 0));
    assertThat(report.deadLettersLeft()).isEqualTo(replayFailures.size());

    // The bus's counters, read after it stopped. Subscriptions: billing and fulfilment (both
    // OrderEvent) and audit ("*") get every event. A replayed delivery is counted again: as
    // delivered, or as failed and dead-lettered.
    long matched = 3L * events.size();
    long filteredBusWide = 3L * probes.size();
    long filteredByBilling =
        real.stream()
            .filter(
                event ->
                    !(event instanceof OrderPaid)
                        && !(event instanceof OrderCancelled c && c.refundCents() > 0))
            .count();
    long filtered = filteredBusWide + filteredByBilling;
    long failed = expectedFailures.size();
    long failedAgain = replayFailures.size();
    EventBusStats stats = report.stats();
    assertThat(stats)
        .isEqualTo(
            new EventBusStats(
                events.size(),
                0,
                matched - filtered - failed + redelivered,
                failed + failedAgain,
                filtered,
                billing.retries,
                failed + failedAgain, // every final failure goes to the dead-letter queue
                0,
                0,
                0,
                3,
                stats.batchTuning(),
                stats.adaptive(),
                stats.byType(),
                stats.bySubscription()));
    // Batch tuning is the strategy's, checked in the processor's own tests; here only its shape.
    if (mode == ProcessingMode.BATCH) {
      assertThat(stats.batchTuning()).hasSize(3);
    } else if (mode != ProcessingMode.ADAPTIVE) {
      assertThat(stats.batchTuning()).isEmpty();
    }

    // Every delivery had finished before the stop, so nothing was left undelivered. What the stop
    // reports as drained is not asserted: the bus may count deliveries that finished just before
    // the stop as drained by it.
    assertThat(report.shutdown().completedInTime()).isTrue();
    assertThat(report.shutdown().totalUndelivered()).isZero();

    // The table row shows these counters, then the drained count and the wall time.
    assertThat(report.tableRow().trim().split(" +"))
        .containsExactly(
            mode.name(),
            String.valueOf(stats.published()),
            String.valueOf(stats.delivered()),
            String.valueOf(stats.failed()),
            String.valueOf(stats.retried()),
            String.valueOf(stats.deadLettered()),
            String.valueOf(report.shutdown().drained()),
            String.valueOf(report.wallTime().toMillis()));

    // The seeded workload exercises every feature the demo is there to show: probe orders, the
    // subscription filter, retried timeouts, refunds, failed payments and a failed refund, and a
    // replay that books them.
    assertThat(probes).isNotEmpty();
    assertThat(filteredByBilling).isPositive();
    assertThat(workloadRetries).isPositive();
    assertThat(billing.refunds).isPositive();
    assertThat(failedEvents).hasAtLeastOneElementOfType(OrderPaid.class);
    assertThat(failedEvents).hasAtLeastOneElementOfType(OrderCancelled.class);
    assertThat(redelivered).isPositive();
    assertThat(awaitingPayment).isNotEmpty();
    assertThat(awaitingShipment).isNotEmpty();
  }

  @Test
  void printedOutputIsDeterministicShortAndMadeOfTheReports() throws Exception {
    List<String> first = printed(STANDARD);
    List<String> second = printed(STANDARD);
    assertThat(withoutTimings(first))
        .filteredOn(line -> line.endsWith("<wall ms>"))
        .hasSize(ProcessingMode.values().length);
    assertThat(withoutTimings(second)).isEqualTo(withoutTimings(first));
    assertThat(withoutTimings(printed(new DemoSettings(STANDARD.seed() + 1, STANDARD.orders()))))
        .isNotEqualTo(withoutTimings(first));
    assertThat(first).hasSizeLessThanOrEqualTo(80);

    // main runs every mode there is, in the order of DemoApplication.MODES.
    List<DemoReport> reports = DemoApplication.runAll(STANDARD);
    assertThat(reports)
        .extracting(DemoReport::mode)
        .containsExactly(ProcessingMode.values())
        .containsExactlyElementsOf(DemoApplication.MODES);
    List<String> expected = new ArrayList<>();
    for (DemoReport report : reports) {
      expected.add("");
      expected.addAll(report.lines());
    }
    expected.add("");
    expected.add("Every mode ended with the same failures, dead letters, services and counters:");
    expected.addAll(DemoReport.table(reports));
    assertThat(first.get(0))
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "Unified Event Bus demo: the same %d orders (seed %d) in SYNC, ASYNC, BATCH,"
                    + " ADAPTIVE mode,",
                STANDARD.orders(),
                STANDARD.seed()));
    assertThat(withoutTimings(first.subList(3, first.size())))
        .containsExactlyElementsOf(withoutTimings(expected));
  }

  @Test
  void comparisonNamesTheModesThatEndedDifferently() throws Exception {
    DemoReport sync = DemoApplication.run(STANDARD, ProcessingMode.SYNC);
    DemoReport otherWorkload =
        DemoApplication.run(
            new DemoSettings(STANDARD.seed() + 1, STANDARD.orders()), ProcessingMode.BATCH);

    assertThat(DemoApplication.comparison(List.of(sync, otherWorkload)))
        .isEqualTo("These modes ended differently from SYNC: [BATCH]");
    assertThat(DemoApplication.comparison(List.of(sync, sync)))
        .startsWith("Every mode ended with the same");
  }

  /**
   * Billing's expected state, kept by replaying the rules of the ledger (the first call for an
   * order whose id hashes to a multiple of {@link DemoApplication#LEDGER_TIMEOUT_EVERY} times out,
   * entries above the limit are refused) and of the payment retry policy (3 attempts, timeouts
   * only).
   */
  private static final class ExpectedBilling {
    final Set<String> ledgerCalledFor = new HashSet<>();
    final Set<String> bookedOrders = new HashSet<>();
    long calls;
    long timeouts;
    long retries;
    long booked;
    long revenue;
    long refunds;
    long refunded;

    /** Books a payment; returns 0 if it was booked, else the attempts it failed after. */
    int pay(OrderPaid paid, long limitCents) {
      for (int attempt = 1; ; attempt++) {
        calls++;
        boolean firstCall = ledgerCalledFor.add(paid.orderId());
        if (firstCall
            && Math.floorMod(paid.orderId().hashCode(), DemoApplication.LEDGER_TIMEOUT_EVERY)
                == 0) {
          timeouts++;
          if (attempt < BillingService.LEDGER_RETRY.maxAttempts()) {
            retries++;
            continue;
          }
          return attempt;
        }
        if (paid.amountCents() > limitCents) {
          return attempt;
        }
        booked++;
        revenue += paid.amountCents();
        bookedOrders.add(paid.orderId());
        return 0;
      }
    }

    /** Refunds a booked payment; returns 0 if refunded, 1 (attempt) if there was none. */
    int refund(OrderCancelled cancelled) {
      if (!bookedOrders.remove(cancelled.orderId())) {
        return 1;
      }
      refunds++;
      refunded += cancelled.refundCents();
      return 0;
    }
  }

  /** The events the workload publishes, taken on a bus without subscribers. */
  private static List<OrderEvent> workloadEvents(DemoSettings settings) {
    try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
      OrderService orders = new OrderService(bus);
      new OrderWorkload(settings.seed(), settings.orders()).drive(orders);
      return orders.publishedEvents();
    }
  }

  private static Set<String> idsOf(List<OrderEvent> events, Class<? extends OrderEvent> type) {
    Set<String> ids = new HashSet<>();
    for (OrderEvent event : events) {
      if (type.isInstance(event)) {
        ids.add(event.orderId());
      }
    }
    return ids;
  }

  private static String describe(OrderEvent event, int attempts) {
    return BillingService.NAME + " " + event.orderId() + " " + event.eventType() + " " + attempts;
  }

  private static List<String> describe(List<HandlerFailure> failures) {
    return failures.stream()
        .map(
            failure ->
                failure.subscriptionName()
                    + " "
                    + ((OrderEvent) failure.event()).orderId()
                    + " "
                    + failure.eventType()
                    + " "
                    + failure.attempts())
        .toList();
  }

  private static List<String> describeLetters(List<HandlerFailure> letters) {
    return letters.stream()
        .map(
            letter ->
                letter.subscriptionName()
                    + " "
                    + ((OrderEvent) letter.event()).orderId()
                    + " "
                    + ((OrderEvent) letter.event()).eventType()
                    + " "
                    + letter.attempts())
        .toList();
  }

  /** Descriptions grouped by order id (the second word), each group in its original order. */
  private static Map<String, List<String>> byOrder(List<String> descriptions) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (String description : descriptions) {
      grouped.computeIfAbsent(description.split(" ")[1], id -> new ArrayList<>()).add(description);
    }
    return Map.copyOf(grouped);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<String> withoutTimings(List<String> lines) {
    return lines.stream()
        .map(line -> TABLE_ROW_TIMINGS.matcher(line).replaceFirst("$1 <drained> <wall ms>"))
        .toList();
  }

  private static List<String> printed(DemoSettings settings) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      DemoApplication.print(settings, out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
