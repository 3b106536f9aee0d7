/** A Spring Boot application on the starter (run on the class path, as Spring Boot runs). */
@SuppressWarnings("requires-automatic")
module dev.eventbus.sample {
  requires dev.eventbus.spring.boot;
  requires spring.web;
  requires spring.jdbc;
  requires spring.tx;
  requires dev.eventbus.codec.jackson;
  requires static org.jspecify;

  opens dev.eventbus.sample to
      spring.core,
      spring.beans,
      spring.context,
      com.fasterxml.jackson.databind,
      dev.eventbus.core;
}
