package dev.eventbus.compat;

/** Test stand-in for the Guava-compatible bus of the compat shim. */
public class CompatEventBus {

  /** Creates a bus. */
  public CompatEventBus() {}

  /** Accepts an event; the rules only look at who calls this. */
  public void post(Object event) {
    if (event == null) {
      throw new IllegalArgumentException("event is null");
    }
  }
}
