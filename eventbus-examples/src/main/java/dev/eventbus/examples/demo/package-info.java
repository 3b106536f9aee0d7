/**
 * A small order-processing application wired around one event bus by constructor injection: {@link
 * dev.eventbus.examples.demo.OrderService} publishes domain events, {@link
 * dev.eventbus.examples.demo.BillingService}, {@link dev.eventbus.examples.demo.FulfilmentService}
 * and {@link dev.eventbus.examples.demo.AuditTrail} subscribe to them, and {@link
 * dev.eventbus.examples.demo.DemoApplication} is the composition root that builds a bus and runs a
 * seeded workload, once per processing mode, then replays the dead letters and compares the modes.
 * Run it with {@code mvn -B -q -DskipTests -Pdemo package} from the root.
 */
@NullMarked
package dev.eventbus.examples.demo;

import org.jspecify.annotations.NullMarked;
