package com.acme.wiring.plugins;

import java.util.List;
import org.thirdparty.PluginBus;

/** Registers on a library's subclass of Guava's bus. */
public final class PluginShop {

  private PluginShop() {}

  public static void run(List<String> log) {
    PluginBus bus = new PluginBus();
    bus.register(new PluginListener(log));
    bus.post("plugin loaded");
  }
}
