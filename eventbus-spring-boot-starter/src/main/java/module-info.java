/**
 * The Spring Boot starter: auto-configures a {@link dev.eventbus.api.UnifiedEventBus} from {@code
 * eventbus.*} properties, registers {@code @Subscribe} beans and stops the bus with the context.
 */
// Spring and Micrometer have no module descriptors; their automatic names are stable. Spring Boot
// 3 keeps health in spring.boot.actuator, Spring Boot 4 in spring.boot.health: both are optional,
// and so are spring.jdbc and spring.tx (TransactionalEventPublisher, made only when they are
// there), and eventbus-tracing (the context propagator, made only when it is there).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.eventbus.spring.boot {
  requires transitive dev.eventbus.processors;
  requires dev.eventbus.micrometer;
  requires transitive spring.beans;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.context;
  requires spring.core;
  requires static micrometer.core;
  requires static transitive spring.boot.actuator;
  requires static spring.boot.health;
  requires static spring.jdbc;
  requires static spring.tx;
  requires static dev.eventbus.store.jdbc;
  requires static dev.eventbus.tracing;
  requires static org.jspecify;

  exports dev.eventbus.spring.boot.autoconfigure;

  // Spring binds the properties and calls the configuration's bean methods reflectively.
  opens dev.eventbus.spring.boot.autoconfigure to
      spring.beans,
      spring.boot,
      spring.context,
      spring.core;
}
