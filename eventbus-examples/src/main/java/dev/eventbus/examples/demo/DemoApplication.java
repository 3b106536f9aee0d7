package dev.eventbus.examples.demo;

import dev.eventbus.api.EventBusStats;
import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.processors.EventBusFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The composition root: builds one bus, hands it to each service's constructor, runs a seeded
 * workload through the order service and reports what every part ended with. There is no global
 * bus; nothing but this class knows how the services are wired.
 *
 * <p>Run it from the repository root with {@code mvn -B -q -DskipTests -Pdemo package}.
 */
public final class DemoApplication {

  /** The ledger times out on every 7th call, so payment retries show. */
  public static final int LEDGER_TIMEOUT_EVERY = 7;

  /** The ledger refuses single entries above 490.00, so a few payments fail for good. */
  public static final long LEDGER_LIMIT_CENTS = 49_000;

  /** How long closing the bus may wait for queued deliveries. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private DemoApplication() {}

  public static void main(String[] args) {
    print(DemoSettings.standard(), System.out);
  }

  /** Runs the demo with {@code settings} and prints its report to {@code out}. */
  public static void print(DemoSettings settings, PrintStream out) {
    out.println(
        "Unified Event Bus demo: "
            + settings.orders()
            + " orders (seed "
            + settings.seed()
            + "), "
            + settings.mode()
            + " delivery, one bus injected into every service");
    out.println("Handler failures, as the bus reported them:");
    DemoReport report = run(settings, out::println);
    report.lines().forEach(out::println);
  }

  /**
   * Wires the application around a new bus, runs the workload, stops the bus and returns what
   * happened.
   *
   * @param failureOutput gets one line per handler failure, as the bus reports it
   * @throws IllegalArgumentException if the bus cannot run {@code settings.mode()}
   */
  public static DemoReport run(DemoSettings settings, Consumer<String> failureOutput) {
    FailureLog failures = new FailureLog(failureOutput);
    try (UnifiedEventBus bus =
        EventBusFactory.builder()
            .exceptionHandler(failures)
            .filter(event -> !OrderService.isSynthetic(event))
            .build()) {
      Ledger ledger = new Ledger(LEDGER_TIMEOUT_EVERY, LEDGER_LIMIT_CENTS);
      BillingService billing = new BillingService(bus, ledger, settings.mode());
      FulfilmentService fulfilment = new FulfilmentService(bus, settings.mode());
      AuditTrail audit = new AuditTrail(bus, settings.mode());
      OrderService orders = new OrderService(bus);

      new OrderWorkload(settings.seed(), settings.orders()).drive(orders);

      // In SYNC mode every delivery has finished when publish returns, so these counters are
      // final. Queued modes will have to drain (stop the bus) before the services are read.
      EventBusStats stats = bus.stats();
      ShutdownReport shutdown = bus.stop(SHUTDOWN_TIMEOUT);
      return new DemoReport(
          settings,
          orders.publishedEvents(),
          orders.publishFailures(),
          failures.failures(),
          audit.countsByType(),
          billing.summary(),
          fulfilment.summary(),
          stats,
          shutdown);
    }
  }
}
