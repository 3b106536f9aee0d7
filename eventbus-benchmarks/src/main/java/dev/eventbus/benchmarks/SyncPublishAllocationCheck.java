package dev.eventbus.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.eventbus.api.EventHandler;
import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.benchmarks.SyncPublishBenchmark.OrderEvent;
import dev.eventbus.benchmarks.SyncPublishBenchmark.OrderPlaced;
import dev.eventbus.processors.EventBusFactory;
import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the publishing thread allocates per synchronous publish on the unified bus, in
 * the cases {@link SyncPublishBenchmark} measures. It runs without JMH, so it also runs where
 * escape analysis cannot hide an allocation ({@code -Xint}, {@code -XX:-DoEscapeAnalysis}).
 *
 * <pre>{@code
 * java [JVM flags] -cp eventbus-benchmarks/target/benchmarks.jar \
 *     dev.eventbus.benchmarks.SyncPublishAllocationCheck [warmupOps] [measuredOps]
 * }</pre>
 *
 * <p>Prints one line per case and exits with status 1 if any case allocated.
 */
public final class SyncPublishAllocationCheck {

  private SyncPublishAllocationCheck() {}

  public static void main(String[] args) {
    long warmupOps = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    long measuredOps = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    boolean allocated = false;
    for (boolean onSupertype : new boolean[] {false, true}) {
      for (int subscribers : new int[] {1, 10}) {
        CountingHandler[] handlers = new CountingHandler[subscribers];
        OrderPlaced event = new OrderPlaced(42L, 4_200L);
        long bytes;
        try (UnifiedEventBus bus = EventBusFactory.createDefault()) {
          for (int i = 0; i < subscribers; i++) {
            handlers[i] = new CountingHandler();
            if (onSupertype) {
              bus.subscribe(OrderEvent.class, handlers[i]);
            } else {
              bus.subscribe(OrderPlaced.class, handlers[i]);
            }
          }
          for (long op = 0; op < warmupOps; op++) {
            bus.publish(event);
          }
          long before = threads.getThreadAllocatedBytes(self);
          for (long op = 0; op < measuredOps; op++) {
            bus.publish(event);
          }
          bytes = threads.getThreadAllocatedBytes(self) - before;
        }
        long received = 0;
        for (CountingHandler handler : handlers) {
          received += handler.received;
        }
        if (received != (warmupOps + measuredOps) * subscribers) {
          throw new IllegalStateException("handlers received " + received + " events");
        }
        allocated |= bytes != 0;
        System.out.printf(
            "unified %-9s subscribers=%-2d %d bytes over %d publishes (%.4f B/op)%n",
            onSupertype ? "SUPERTYPE" : "CLASS",
            subscribers,
            bytes,
            measuredOps,
            bytes / (double) measuredOps);
      }
    }
    if (allocated) {
      System.exit(1);
    }
  }

  private static final class CountingHandler implements EventHandler<OrderEvent> {
    long received;

    @Override
    public void handle(OrderEvent event) {
      received++;
    }
  }
}
