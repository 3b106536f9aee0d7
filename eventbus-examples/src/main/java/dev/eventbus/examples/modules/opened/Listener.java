package dev.eventbus.examples.modules.opened;

import dev.eventbus.api.Subscribe;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener with a package-private {@code @Subscribe} method, in a package this module's
 * descriptor opens to {@code dev.eventbus.core}: on the module path that is what lets the bus call
 * it.
 */
public final class Listener {

  private final List<String> received = new ArrayList<>();

  @Subscribe
  void on(String event) {
    received.add(event);
  }

  /** The events received so far. */
  public List<String> received() {
    return List.copyOf(received);
  }
}
