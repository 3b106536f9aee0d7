package org.thirdparty;

import com.google.common.eventbus.EventBus;

/** A library's bus: a subclass of Guava's, compiled into its own jar. */
public class PluginBus extends EventBus {
  public PluginBus() {
    super("plugins");
  }
}
