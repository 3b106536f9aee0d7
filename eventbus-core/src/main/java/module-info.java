/**
 * The engine: copy-on-write subscription registry, sharded dispatcher, filters, retry, metrics and
 * the SYNC processor. Exports only the processor SPI; the engine itself is internal. Applications
 * build buses with {@code dev.eventbus.processors.EventBusFactory}.
 */
// The modules the qualified exports name are built after this one, so javac cannot see them.
@SuppressWarnings("module")
module dev.eventbus.core {
  requires transitive dev.eventbus.api;
  requires static org.jspecify;
  requires com.github.benmanes.caffeine;
  requires com.google.common;
  requires io.vavr;

  exports dev.eventbus.core.spi;
  // The bus builder of eventbus-processors assembles the engine with its processors.
  exports dev.eventbus.core.internal to
      dev.eventbus.processors;
  // Counts alone on their cache lines, which the processors' lanes count with too.
  exports dev.eventbus.core.internal.concurrent to
      dev.eventbus.processors;
  // eventbus-durable implements the journal hook; the bus builder installs it.
  exports dev.eventbus.core.journal to
      dev.eventbus.durable,
      dev.eventbus.processors;
  // The Guava-compatible bus finds Guava-style @Subscribe methods with the engine's scanner.
  exports dev.eventbus.core.internal.annotation to
      dev.eventbus.compat;
  // The legacy bus counts the subscriptions it shares with native code, which the API cannot read.
  exports dev.eventbus.core.internal.inspect to
      dev.eventbus.compat;

  // register(listener) also subscribes the methods another module's annotation marks:
  // eventbus-compat
  // provides one for its Guava-compatible @Subscribe (a half-migrated code base keeps its events).
  uses dev.eventbus.core.internal.annotation.ForeignSubscribers;
}
