package org.thirdparty;

import com.google.common.eventbus.EventBus;

/**
 * A library's bus: a subclass of Guava's, compiled with the tests and so on the parser's class path
 * like a jar, never among the sources a recipe reads (the same class as the migration tool's {@code
 * sample-lib}).
 */
public class PluginBus extends EventBus {
  /** A bus named "plugins". */
  public PluginBus() {
    super("plugins");
  }
}
