/**
 * Old code on the unified bus, unchanged: the legacy {@code vm.core.event} buses, a
 * Guava-compatible {@code EventBus} ({@code dev.eventbus.compat.guava}), and bridges between legacy
 * and unified subscriptions ({@code dev.eventbus.compat.bridge}).
 */
module dev.eventbus.compat {
  requires transitive dev.eventbus.api;
  requires dev.eventbus.processors;
  requires dev.eventbus.core;
  requires static org.jspecify;

  exports vm.core.event;
  exports dev.eventbus.compat.guava;
  exports dev.eventbus.compat.bridge;

  // A native bus's register(listener) subscribes the Guava-compatible @Subscribe methods too.
  provides dev.eventbus.core.internal.annotation.ForeignSubscribers with
      dev.eventbus.compat.internal.CompatSubscribers;
}
