package dev.eventbus.examples.modules.closed;

import dev.eventbus.api.Subscribe;

/**
 * The same listener in a package this module's descriptor does not open: on the module path the bus
 * cannot call its package-private method, and {@code register} says which {@code opens} to add.
 */
public final class Listener {

  @Subscribe
  void on(String event) {}
}
