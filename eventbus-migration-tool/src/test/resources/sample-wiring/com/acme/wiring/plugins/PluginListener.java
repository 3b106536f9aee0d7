package com.acme.wiring.plugins;

import com.google.common.eventbus.Subscribe;
import java.util.List;

public class PluginListener {

  private final List<String> log;

  public PluginListener(List<String> log) {
    this.log = log;
  }

  @Subscribe
  public void on(String event) {
    log.add("PluginListener got " + event);
  }
}
