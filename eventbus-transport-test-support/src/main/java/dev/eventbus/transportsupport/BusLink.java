package dev.eventbus.transportsupport;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.testkit.TransportContract;
import java.util.Objects;

/**
 * A transport's {@link TransportContract.Link} on {@link TestBuses}: the two buses, and closing
 * closes everything the test opened. A transport's contract test adds how it sends a message again
 * and an undecodable one.
 */
public abstract class BusLink implements TransportContract.Link {

  private final TestBuses buses;
  private final UnifiedEventBus sender;
  private final UnifiedEventBus receiver;

  /**
   * The link between two buses.
   *
   * @param buses what the test opened, closed with the link
   * @param sender the bus whose events the transport sends
   * @param receiver the bus the transport publishes into
   */
  protected BusLink(TestBuses buses, UnifiedEventBus sender, UnifiedEventBus receiver) {
    this.buses = Objects.requireNonNull(buses, "buses");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
  }

  @Override
  public UnifiedEventBus sender() {
    return sender;
  }

  @Override
  public UnifiedEventBus receiver() {
    return receiver;
  }

  @Override
  public void close() {
    buses.close();
  }
}
