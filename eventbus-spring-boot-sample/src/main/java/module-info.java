/** A Spring Boot application on the starter (run on the class path, as Spring Boot runs). */
@SuppressWarnings("requires-automatic")
module dev.eventbus.sample {
  requires dev.eventbus.spring.boot;
  requires spring.web;
  requires static org.jspecify;

  opens dev.eventbus.sample to
      spring.core,
      spring.beans,
      spring.context,
      dev.eventbus.core;
}
