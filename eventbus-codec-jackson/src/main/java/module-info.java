/**
 * A JSON {@code EventCodec} on Jackson. Event classes in named modules must open their packages to
 * {@code com.fasterxml.jackson.databind} for it to read and make them.
 */
module dev.eventbus.codec.jackson {
  requires transitive dev.eventbus.api;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires static org.jspecify;

  exports dev.eventbus.codec.jackson;
}
