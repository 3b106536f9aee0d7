package dev.eventbus.examples.demo;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.core.EventBusCore;
import dev.eventbus.processors.EventBusFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the demo's workload and checks every number it reports against what the published events
 * imply, computed here from the events alone: the audit counts, a replay of the flaky ledger and
 * the retry policy, fulfilment's final state, and the bus's counters.
 */
class DemoApplicationTest {

  private static final DemoSettings STANDARD = DemoSettings.standard();

  @Test
  void workloadPlacesTheConfiguredOrdersAndEveryOrderFollowsTheLifecycle() {
    DemoReport report = DemoApplication.run(STANDARD, line -> {});

    Map<String, List<String>> typesByOrder = new LinkedHashMap<>();
    for (OrderEvent event : report.publishedEvents()) {
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

  @Test
  void everyReportedNumberFollowsFromThePublishedEvents() {
    List<String> failureLines = new ArrayList<>();
    DemoReport report = DemoApplication.run(STANDARD, failureLines::add);
    List<OrderEvent> events = report.publishedEvents();
    List<OrderEvent> real =
        events.stream().filter(event -> !event.orderId().startsWith("probe-")).toList();
    List<OrderEvent> probes =
        events.stream().filter(event -> event.orderId().startsWith("probe-")).toList();

    // The audit trail sees every event the bus-wide filter lets through.
    Map<String, Long> expectedAudit =
        real.stream().collect(groupingBy(OrderEvent::eventType, counting()));
    assertThat(report.auditedByType()).isEqualTo(expectedAudit);

    // Billing: replay the ledger (call n times out when n % 7 == 0, entries above the limit are
    // refused) under the payment retry policy (3 attempts, timeouts only).
    long calls = 0;
    long timeouts = 0;
    long retries = 0;
    long booked = 0;
    long revenue = 0;
    long refunds = 0;
    long refunded = 0;
    Set<String> bookedOrders = new HashSet<>();
    List<String> expectedFailures = new ArrayList<>();
    for (OrderEvent event : real) {
      if (event instanceof OrderPaid paid) {
        for (int attempt = 1; ; attempt++) {
          calls++;
          if (calls % DemoApplication.LEDGER_TIMEOUT_EVERY == 0) {
            timeouts++;
            if (attempt < 3) {
              retries++;
              continue;
            }
            expectedFailures.add(BillingService.PAYMENTS + " " + paid.orderId() + " " + attempt);
          } else if (paid.amountCents() > DemoApplication.LEDGER_LIMIT_CENTS) {
            expectedFailures.add(BillingService.PAYMENTS + " " + paid.orderId() + " " + attempt);
          } else {
            booked++;
            revenue += paid.amountCents();
            bookedOrders.add(paid.orderId());
          }
          break;
        }
      } else if (event instanceof OrderCancelled cancelled && cancelled.refundCents() > 0) {
        if (bookedOrders.remove(cancelled.orderId())) {
          refunds++;
          refunded += cancelled.refundCents();
        } else {
          expectedFailures.add(BillingService.REFUNDS + " " + cancelled.orderId() + " 1");
        }
      }
    }
    assertThat(report.billing())
        .isEqualTo(new BillingService.Summary(booked, revenue, refunds, refunded, calls, timeouts));

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

    // Failures: the same ones in the publish results, at the exception handler and on the console.
    assertThat(describe(report.publishFailures())).isEqualTo(expectedFailures);
    assertThat(describe(report.reportedFailures())).isEqualTo(expectedFailures);
    assertThat(report.publishFailures())
        .allSatisfy(failure -> assertThat(failure.mode()).isEqualTo(ProcessingMode.SYNC));
    assertThat(failureLines).hasSize(expectedFailures.size());

    // The bus's counters. Subscriptions: fulfilment (OrderEvent) and audit ("*") get every event,
    // billing.payments gets order.paid and billing.refunds gets order.cancelled.
    long matched = events.stream().mapToLong(DemoApplicationTest::subscribersOf).sum();
    long filteredBusWide = probes.stream().mapToLong(DemoApplicationTest::subscribersOf).sum();
    long filteredByRefunds =
        real.stream()
            .filter(event -> event instanceof OrderCancelled c && c.refundCents() == 0)
            .count();
    long filtered = filteredBusWide + filteredByRefunds;
    long failed = expectedFailures.size();
    EventBusStats stats = report.stats();
    assertThat(stats)
        .isEqualTo(
            new EventBusStats(
                events.size(),
                0,
                matched - filtered - failed,
                failed,
                filtered,
                retries,
                failed, // every final failure goes to the bus's dead-letter queue
                0,
                0,
                4));

    assertThat(report.shutdown().completedInTime()).isTrue();
    assertThat(report.shutdown().totalUndelivered()).isZero();

    // The seeded workload exercises every feature the demo is there to show.
    assertThat(probes).isNotEmpty();
    assertThat(filteredByRefunds).isPositive();
    assertThat(retries).isPositive();
    assertThat(refunds).isPositive();
    assertThat(failed).isPositive();
    assertThat(awaitingPayment).isNotEmpty();
    assertThat(awaitingShipment).isNotEmpty();
  }

  @Test
  void printedOutputIsDeterministicShortAndMadeOfTheReport() {
    String first = printed(STANDARD);
    String second = printed(STANDARD);
    assertThat(second).isEqualTo(first);
    assertThat(
            printed(new DemoSettings(STANDARD.seed() + 1, STANDARD.orders(), ProcessingMode.SYNC)))
        .isNotEqualTo(first);

    List<String> failureLines = new ArrayList<>();
    DemoReport report = DemoApplication.run(STANDARD, failureLines::add);
    List<String> lines = first.lines().toList();
    assertThat(lines).hasSizeLessThanOrEqualTo(60);
    assertThat(lines.subList(2, lines.size()))
        .containsExactlyElementsOf(concat(failureLines, report.lines()));
    assertThat(lines)
        .contains(
            String.format(
                Locale.ROOT,
                "  %-15s%6d      %-15s%6d",
                "published",
                report.publishedEvents().size(),
                "delivered",
                report.stats().delivered()));
  }

  @ParameterizedTest
  @EnumSource(ProcessingMode.class)
  void runsInEveryModeTheBusHasAndRefusesTheOthers(ProcessingMode mode) {
    Set<ProcessingMode> available;
    try (EventBusCore bus = EventBusFactory.builder().build()) {
      available = Set.copyOf(bus.supportedModes());
    }
    assertThat(available).contains(ProcessingMode.SYNC);
    DemoSettings settings = new DemoSettings(7, 40, mode);

    if (available.contains(mode)) {
      DemoReport report = DemoApplication.run(settings, line -> {});
      assertThat(report.stats().published()).isEqualTo(report.publishedEvents().size());
      assertThat(report.auditedByType().get(OrderPlaced.TYPE)).isPositive();
    } else {
      assertThatThrownBy(() -> DemoApplication.run(settings, line -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(mode.name());
    }
  }

  private static int subscribersOf(OrderEvent event) {
    return event instanceof OrderPaid || event instanceof OrderCancelled ? 3 : 2;
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

  private static List<String> describe(List<HandlerFailure> failures) {
    return failures.stream()
        .map(
            failure ->
                failure.handlerName()
                    + " "
                    + ((OrderEvent) failure.event()).orderId()
                    + " "
                    + failure.attempts())
        .toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static String printed(DemoSettings settings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      DemoApplication.print(settings, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
