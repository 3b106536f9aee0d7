/**
 * The unified event bus's API: the bus, handlers, filters, options, configuration and the values a
 * bus reports ({@code dev.eventbus.api}), and the SPIs that stores and codecs implement ({@code
 * dev.eventbus.api.spi}). Depends on the JDK only ({@code java.sql} for the connection of a
 * transaction a durable bus publishes in).
 */
module dev.eventbus.api {
  requires static transitive org.jspecify;
  requires transitive java.sql;

  exports dev.eventbus.api;
  exports dev.eventbus.api.spi;
}
