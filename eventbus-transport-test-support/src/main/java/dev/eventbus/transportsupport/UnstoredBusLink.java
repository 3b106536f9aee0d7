package dev.eventbus.transportsupport;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.testkit.TransportWithoutStorageContract;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A transport's {@link TransportWithoutStorageContract.UnstoredLink} on {@link TestBuses}: the
 * sending bus with storage, and a receiving bus without storage with its inbound side, which a
 * restart closes and opens again. A transport's test adds how it opens its inbound side, counts
 * what is unacknowledged and sends a message again.
 */
public abstract class UnstoredBusLink implements TransportWithoutStorageContract.UnstoredLink {

  private final TestBuses buses;
  private final UnifiedEventBus sender;
  private TestBuses receiving = new TestBuses();
  private @Nullable UnifiedEventBus receiver;

  /**
   * The link; the receiving side opens when first asked for.
   *
   * @param buses what the test opened for the sending side, closed with the link
   * @param sender the bus whose events the transport sends
   */
  protected UnstoredBusLink(TestBuses buses, UnifiedEventBus sender) {
    this.buses = Objects.requireNonNull(buses, "buses");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /**
   * Starts the transport's inbound side into {@code bus}, in the link's group (and member).
   *
   * @param bus the receiving bus, without storage
   * @return the started inbound side, closed at a restart and with the link
   */
  protected abstract AutoCloseable startInbound(UnifiedEventBus bus);

  @Override
  public UnifiedEventBus sender() {
    return sender;
  }

  @Override
  public synchronized UnifiedEventBus receiver() {
    UnifiedEventBus bus = receiver;
    if (bus == null) {
      bus = receiving.busWithoutStorage();
      receiving.add(startInbound(bus));
      receiver = bus;
    }
    return bus;
  }

  @Override
  public synchronized UnifiedEventBus restartReceiver() {
    receiving.close();
    receiving = new TestBuses();
    receiver = null;
    return receiver();
  }

  @Override
  public synchronized void close() {
    try {
      receiving.close();
    } finally {
      buses.close();
    }
  }
}
