package dev.eventbus.examples.demo;

import dev.eventbus.api.DeadLetterQueue;
import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.ShutdownReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one run of the workload in one mode ended with. {@link #lines()} renders it as the
 * mode's section of the demo's output and holds nothing that changes from run to run; {@link
 * #tableRow()} ends with the two numbers that do: what the stop drained and the wall time.
 *
 * @param mode the mode every service subscribed in
 * @param settings the workload that was run
 * @param publishedEvents every event the order service published, in order
 * @param publishFailures the handler failures in the final publish results, in publish order
 * @param reportedFailures the handler failures the bus reported to its exception handler, in the
 *     order reported (in {@code ASYNC} mode failures of different orders may come in any order)
 * @param deadLetters the dead letters the bus kept after the workload, before the replay
 * @param replay what replaying them did, once the ledger's limit was raised
 * @param deadLettersLeft dead letters still queued after the replay
 * @param auditedByType events the audit trail received, per type name
 * @param billing what billing ended with, replay included
 * @param fulfilment what fulfilment ended with
 * @param stats the bus's counters after it stopped
 * @param shutdown what stopping the bus achieved
 * @param wallTime from the first publish to the end of the stop
 */
public record DemoReport(
    ProcessingMode mode,
    DemoSettings settings,
    List<OrderEvent> publishedEvents,
    List<HandlerFailure> publishFailures,
    List<HandlerFailure> reportedFailures,
    List<HandlerFailure> deadLetters,
    DeadLetterQueue.ReplayReport replay,
    int deadLettersLeft,
    Map<String, Long> auditedByType,
    BillingService.Summary billing,
    FulfilmentService.Summary fulfilment,
    EventBusStats stats,
    ShutdownReport shutdown,
    Duration wallTime) {

  /** The header of {@link #table(List)}. */
  public static final String TABLE_HEADER =
      "  mode      published delivered  failed retried dead-lettered  drained  wall ms";

  public DemoReport {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(settings, "settings");
    publishedEvents = List.copyOf(publishedEvents);
    publishFailures = List.copyOf(publishFailures);
    reportedFailures = List.copyOf(reportedFailures);
    deadLetters = List.copyOf(deadLetters);
    Objects.requireNonNull(replay, "replay");
    auditedByType = Map.copyOf(auditedByType);
    Objects.requireNonNull(billing, "billing");
    Objects.requireNonNull(fulfilment, "fulfilment");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(wallTime, "wallTime");
  }

  /**
   * What a run ended with, without the mode and the timings: equal outcomes mean that two modes did
   * the same thing with the same events.
   */
  public record Outcome(
      List<String> failures,
      int deadLetters,
      DeadLetterQueue.ReplayReport replay,
      int deadLettersLeft,
      Map<String, Long> auditedByType,
      BillingService.Summary billing,
      FulfilmentService.Summary fulfilment,
      EventBusStats stats,
      long undelivered) {}

  public Outcome outcome() {
    List<String> failures = new ArrayList<>();
    for (HandlerFailure failure : publishFailures) {
      failures.add(describe(failure));
    }
    return new Outcome(
        failures,
        deadLetters.size(),
        replay,
        deadLettersLeft,
        auditedByType,
        billing,
        fulfilment,
        withoutBatchTuning(stats),
        shutdown.totalUndelivered());
  }

  /**
   * The bus-wide counters alone: batch tuning and adaptive choices are how a mode works, not what
   * it did, and the per-type and per-subscription stats hold sampled latencies, which differ from
   * run to run.
   */
  private static EventBusStats withoutBatchTuning(EventBusStats stats) {
    return new EventBusStats(
        stats.published(),
        stats.unhandled(),
        stats.delivered(),
        stats.failed(),
        stats.filtered(),
        stats.retried(),
        stats.deadLettered(),
        stats.dropped(),
        stats.pending(),
        stats.redelivered(),
        stats.subscriptions(),
        Map.of(),
        Map.of(),
        List.of(),
        List.of());
  }

  /** The mode's section of the demo's output, one entry per line. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    long probeEvents = publishedEvents.stream().filter(OrderService::isSynthetic).count();
    lines.add(
        mode
            + ": "
            + publishedEvents.size()
            + " events published, "
            + probeEvents
            + " of them for probe orders (the bus-wide filter drops those)");

    lines.add(
        "  "
            + publishFailures.size()
            + " deliveries failed for good (from the publishAsync results):");
    for (HandlerFailure failure : publishFailures) {
      lines.add("    " + describe(failure));
    }

    lines.add(
        String.format(
            Locale.ROOT,
            "  dead letters: %d kept; ledger limit raised to %s, then replayAll:",
            deadLetters.size(),
            Money.format(DemoApplication.RAISED_LEDGER_LIMIT_CENTS)));
    lines.add(
        String.format(
            Locale.ROOT,
            "    %d redelivered, %d failed again, %d subscription gone; %d left",
            replay.redelivered(),
            replay.failedAgain(),
            replay.subscriptionGone(),
            deadLettersLeft));

    lines.add(
        "  bus stopped "
            + (shutdown.completedInTime() ? "in time" : "at the deadline")
            + ", "
            + shutdown.totalUndelivered()
            + " undelivered; then the services said:");

    List<String> audited = new ArrayList<>();
    new TreeMap<>(auditedByType).forEach((type, count) -> audited.add(type + " " + count));
    lines.add("  audit       " + String.join(", ", audited));

    lines.add(
        "  billing     "
            + billing.paymentsBooked()
            + " payments "
            + Money.format(billing.revenueCents())
            + ", "
            + billing.refundsIssued()
            + " refunds "
            + Money.format(billing.refundedCents())
            + ", net "
            + Money.format(billing.netRevenueCents())
            + "; ledger "
            + billing.ledgerCalls()
            + " calls, "
            + billing.ledgerTimeouts()
            + " timeouts");

    List<String> perWarehouse = new ArrayList<>();
    new TreeMap<>(fulfilment.shippedByWarehouse())
        .forEach((warehouse, count) -> perWarehouse.add(warehouse + " " + count));
    lines.add(
        "  fulfilment  "
            + fulfilment.shipped()
            + " shipped ("
            + String.join(", ", perWarehouse)
            + "), "
            + fulfilment.awaitingShipment()
            + " awaiting shipment, "
            + fulfilment.awaitingPayment()
            + " awaiting payment, "
            + fulfilment.releasedOnCancel()
            + " cancelled");
    return lines;
  }

  /**
   * This run's row of the comparison table: the bus's counters, then what the stop drained and the
   * wall time, the two columns that depend on timing.
   */
  public String tableRow() {
    return String.format(
        Locale.ROOT,
        "  %-9s %9d %9d %7d %7d %13d %8d %8d",
        mode,
        stats.published(),
        stats.delivered(),
        stats.failed(),
        stats.retried(),
        stats.deadLettered(),
        shutdown.drained(),
        wallTime.toMillis());
  }

  /** The comparison table of {@code reports}: a header, one row per report and a note. */
  public static List<String> table(List<DemoReport> reports) {
    List<String> lines = new ArrayList<>();
    lines.add(TABLE_HEADER);
    for (DemoReport report : reports) {
      lines.add(report.tableRow());
    }
    lines.add("  (delivered includes replayed dead letters; drained and wall ms vary by run,");
    lines.add("  and the first run pays for the JVM's warm-up)");
    return lines;
  }

  private static String describe(HandlerFailure failure) {
    String orderId =
        failure.event() instanceof OrderEvent event ? event.orderId() : failure.event().toString();
    return String.format(
        Locale.ROOT,
        "%-9s %-16s -> %s: %s after %d attempt(s)",
        orderId,
        failure.eventType(),
        failure.subscriptionName(),
        failure.cause().getClass().getSimpleName(),
        failure.attempts());
  }
}
