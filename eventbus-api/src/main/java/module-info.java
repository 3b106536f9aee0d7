/**
 * The unified event bus's API: the bus, handlers, filters, options, configuration and the values a
 * bus reports ({@code dev.eventbus.api}), and the SPIs that stores and codecs implement ({@code
 * dev.eventbus.api.spi}). Depends on the JDK only.
 */
module dev.eventbus.api {
  requires static transitive org.jspecify;

  exports dev.eventbus.api;
  exports dev.eventbus.api.spi;
}
