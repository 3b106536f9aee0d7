package dev.eventbus.examples.demo;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.HandlerFailure;
import dev.eventbus.api.ShutdownReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one demo run ended with. {@link #lines()} renders it; the rendering holds nothing that
 * changes from run to run (no timings), so the same settings print the same text.
 *
 * @param settings what was run
 * @param publishedEvents every event the order service published, in order
 * @param publishFailures the handler failures listed in the publish results, in order
 * @param reportedFailures the handler failures the bus reported to its exception handler
 * @param auditedByType events the audit trail received, per type name
 * @param billing what billing ended with
 * @param fulfilment what fulfilment ended with
 * @param stats the bus's counters after the workload
 * @param shutdown what stopping the bus achieved
 */
public record DemoReport(
    DemoSettings settings,
    List<OrderEvent> publishedEvents,
    List<HandlerFailure> publishFailures,
    List<HandlerFailure> reportedFailures,
    Map<String, Long> auditedByType,
    BillingService.Summary billing,
    FulfilmentService.Summary fulfilment,
    EventBusStats stats,
    ShutdownReport shutdown) {

  public DemoReport {
    Objects.requireNonNull(settings, "settings");
    publishedEvents = List.copyOf(publishedEvents);
    publishFailures = List.copyOf(publishFailures);
    reportedFailures = List.copyOf(reportedFailures);
    auditedByType = Map.copyOf(auditedByType);
    Objects.requireNonNull(billing, "billing");
    Objects.requireNonNull(fulfilment, "fulfilment");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(shutdown, "shutdown");
  }

  /** The report as text, one entry per line. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();

    lines.add("");
    lines.add("Audit trail: events received per type (synthetic probe orders are filtered out)");
    long audited = 0;
    for (Map.Entry<String, Long> entry : new TreeMap<>(auditedByType).entrySet()) {
      lines.add(row(entry.getKey(), entry.getValue(), ""));
      audited += entry.getValue();
    }
    lines.add(row("total", audited, ""));

    lines.add("");
    lines.add(
        "Billing: the ledger times out on every "
            + DemoApplication.LEDGER_TIMEOUT_EVERY
            + "th call; payments get "
            + BillingService.LEDGER_RETRY.maxAttempts()
            + " attempts");
    lines.add(
        row("payments booked", billing.paymentsBooked(), "worth " + money(billing.revenueCents())));
    lines.add(
        row("refunds issued", billing.refundsIssued(), "worth " + money(billing.refundedCents())));
    lines.add(row("net revenue", "", "      " + money(billing.netRevenueCents())));
    lines.add(
        row(
            "ledger calls",
            billing.ledgerCalls(),
            billing.ledgerTimeouts() + " of them timed out"));

    lines.add("");
    lines.add("Fulfilment");
    List<String> perWarehouse = new ArrayList<>();
    new TreeMap<>(fulfilment.shippedByWarehouse())
        .forEach((warehouse, count) -> perWarehouse.add(warehouse + " " + count));
    lines.add(row("shipped", fulfilment.shipped(), String.join(", ", perWarehouse)));
    lines.add(row("awaiting shipment", fulfilment.awaitingShipment(), ""));
    lines.add(row("awaiting payment", fulfilment.awaitingPayment(), ""));
    lines.add(row("cancelled", fulfilment.releasedOnCancel(), ""));

    lines.add("");
    lines.add("OrderService");
    long probeEvents = publishedEvents.stream().filter(OrderService::isSynthetic).count();
    lines.add(row("events published", publishedEvents.size(), probeEvents + " of them for probes"));
    lines.add(row("handler failures", publishFailures.size(), "in the PublishResults:"));
    for (HandlerFailure failure : publishFailures) {
      lines.add(
          "    "
              + ((OrderEvent) failure.event()).orderId()
              + " "
              + failure.eventType()
              + " -> "
              + failure.handlerName()
              + " ("
              + failure.cause().getClass().getSimpleName()
              + ", "
              + failure.attempts()
              + " attempt(s))");
    }

    lines.add("");
    lines.add("Bus stats");
    lines.add(pair("published", stats.published(), "delivered", stats.delivered()));
    lines.add(pair("unhandled", stats.unhandled(), "failed", stats.failed()));
    lines.add(pair("filtered", stats.filtered(), "retried", stats.retried()));
    lines.add(pair("dead-lettered", stats.deadLettered(), "dropped", stats.dropped()));
    lines.add(pair("pending", stats.pending(), "subscriptions", stats.subscriptions()));

    lines.add("");
    lines.add(
        "Bus closed: "
            + (shutdown.completedInTime() ? "completed in time" : "timed out")
            + ", "
            + shutdown.drained()
            + " drained, "
            + shutdown.totalUndelivered()
            + " undelivered");
    return lines;
  }

  private static String row(String label, Object count, String detail) {
    return String.format(Locale.ROOT, "  %-20s%6s   %s", label, count, detail).stripTrailing();
  }

  private static String pair(String label, long value, String otherLabel, long otherValue) {
    return String.format(
        Locale.ROOT, "  %-15s%6d      %-15s%6d", label, value, otherLabel, otherValue);
  }

  private static String money(long cents) {
    return String.format(Locale.ROOT, "%12s", Money.format(cents));
  }
}
