package dev.eventbus.migration;

/** What kind of legacy use a {@link Finding} is. */
public enum FindingKind {
  /** A single-type or on-demand import of a legacy type or package. */
  IMPORT("import"),
  /** A static import of a member of a legacy type. */
  STATIC_IMPORT("static-import"),
  /** A legacy type written with its fully qualified name in code. */
  FULLY_QUALIFIED_REFERENCE("fully-qualified-reference"),
  /** {@code @Subscribe} or {@code @AllowConcurrentEvents} of a legacy API. */
  ANNOTATION("annotation"),
  /** {@code new} of a legacy type, e.g. {@code new EventBus()}. */
  CONSTRUCTION("construction"),
  /** {@code DomainEventBus.getInstance()}: the process-wide singleton. */
  SINGLETON_ACCESS("singleton-access"),
  /** {@code register}, {@code unregister}, {@code post}, {@code publish}, ... on a legacy bus. */
  BUS_CALL("bus-call"),
  /** A use of Guava's {@code DeadEvent}. */
  DEAD_EVENT("dead-event"),
  /** A use of Guava's {@code SubscriberExceptionHandler} or {@code SubscriberExceptionContext}. */
  EXCEPTION_HANDLER("exception-handler"),
  /** A class (named or anonymous) extending or implementing a legacy type. */
  SUBCLASS("subclass"),
  /**
   * Reflection into Guava's event-bus internals: a class name string such as {@code
   * "com.google.common.eventbus.Dispatcher"} passed to a method or kept in a variable, or {@code
   * getDeclaredConstructor}/{@code Method}/{@code Field} on a Guava event-bus class. Neither the
   * compat nor the native API has those internals: such code compiles after a migration and fails
   * at run time.
   */
  REFLECTION("reflection");

  private final String id;

  FindingKind(String id) {
    this.id = id;
  }

  /** {@return the identifier used in reports, e.g. {@code bus-call}} */
  public String id() {
    return id;
  }
}
