package dev.eventbus.rewrite;

import java.util.Map;
import java.util.Set;

/**
 * The migration rules, in one place for the OpenRewrite recipes of this module and the migration
 * tool ({@code eventbus-migration-tool}, whose {@code migrate} runs the recipes and whose {@code
 * scan} gives the same advice): which package the compat step renames, which legacy types, methods
 * and annotations have a mechanical native equivalent and what it is, and why the others need a
 * person. Names are fully qualified unless said otherwise.
 */
public final class MigrationRules {

  /** Guava's event-bus package. */
  public static final String GUAVA_PACKAGE = "com.google.common.eventbus";

  /** The package of {@code eventbus-compat}'s Guava-compatible API: the compat step's target. */
  public static final String COMPAT_GUAVA_PACKAGE = "dev.eventbus.compat.guava";

  /** The legacy buses' package, which {@code eventbus-compat} provides unchanged. */
  public static final String VM_PACKAGE = "vm.core.event";

  /** The native bus type. */
  public static final String UNIFIED_EVENT_BUS = "dev.eventbus.api.UnifiedEventBus";

  /** The factory a bus construction becomes ({@code EventBusFactory.createDefault()}). */
  public static final String EVENT_BUS_FACTORY = "dev.eventbus.processors.EventBusFactory";

  /** The factory method a plain bus construction becomes: a synchronous bus, as before. */
  public static final String FACTORY_METHOD = "createDefault";

  /** The native subscriber annotation. */
  public static final String NATIVE_SUBSCRIBE = "dev.eventbus.api.Subscribe";

  /** The native event interface. */
  public static final String NATIVE_DOMAIN_EVENT = "dev.eventbus.api.DomainEvent";

  /** The legacy event method that {@link #NATIVE_DOMAIN_EVENT} lacks. */
  public static final String VM_TIMESTAMP_METHOD = "timestampMillis";

  /**
   * Legacy simple type name to native type, for the types the native step rewrites mechanically
   * (for Guava's package and the compat shim's alike). A type missing here needs a person, see
   * {@link #reason}.
   */
  public static final Map<String, String> GUAVA_NATIVE_TYPES =
      Map.of("EventBus", UNIFIED_EVENT_BUS, "Subscribe", NATIVE_SUBSCRIBE);

  /** As {@link #GUAVA_NATIVE_TYPES}, for {@code vm.core.event}. */
  public static final Map<String, String> VM_NATIVE_TYPES =
      Map.of("DomainEventBus", UNIFIED_EVENT_BUS, "DomainEvent", NATIVE_DOMAIN_EVENT);

  /** Guava annotations the native step removes: native subscribers are not serialised. */
  public static final Set<String> GUAVA_REMOVED_ANNOTATIONS = Set.of("AllowConcurrentEvents");

  /** Methods of Guava's {@code EventBus} renamed on the native bus. */
  public static final Map<String, String> GUAVA_RENAMED_METHODS = Map.of("post", "publish");

  /** Methods of Guava's {@code EventBus} that are the same call on the native bus. */
  public static final Set<String> GUAVA_SAME_METHODS = Set.of("register");

  /** Methods of the legacy {@code DomainEventBus} that are the same call on the native bus. */
  public static final Set<String> VM_SAME_METHODS = Set.of("register", "publish");

  /** Legacy types that stay after the native step because {@code eventbus-compat} has them. */
  public static final Set<String> VM_KEPT_TYPES = Set.of("VmException");

  private MigrationRules() {}

  /**
   * The compat step's name for a Guava name ({@code com.google.common.eventbus.X}).
   *
   * @param guavaName Guava's package or a name in it
   * @return the same name in {@link #COMPAT_GUAVA_PACKAGE}
   * @throws IllegalArgumentException if {@code guavaName} is not in Guava's event-bus package
   */
  public static String compatName(String guavaName) {
    if (!guavaName.equals(GUAVA_PACKAGE) && !guavaName.startsWith(GUAVA_PACKAGE + ".")) {
      throw new IllegalArgumentException("not a name in " + GUAVA_PACKAGE + ": " + guavaName);
    }
    return COMPAT_GUAVA_PACKAGE + guavaName.substring(GUAVA_PACKAGE.length());
  }

  /**
   * Whether the native step rewrites a legacy top-level type mechanically.
   *
   * @param legacyPackage the package the type is in: {@link #GUAVA_PACKAGE}, {@link
   *     #COMPAT_GUAVA_PACKAGE} or {@link #VM_PACKAGE}
   * @param simpleType the type's simple name, or {@code *} for an on-demand import
   * @return whether the type has a mechanical native equivalent (or is removed)
   * @throws IllegalArgumentException if {@code legacyPackage} is none of the three
   */
  public static boolean rewritableType(String legacyPackage, String simpleType) {
    boolean guava = isGuava(legacyPackage);
    if (simpleType.equals("*")) {
      return true;
    }
    return guava
        ? GUAVA_NATIVE_TYPES.containsKey(simpleType)
            || GUAVA_REMOVED_ANNOTATIONS.contains(simpleType)
        : VM_NATIVE_TYPES.containsKey(simpleType);
  }

  /**
   * Why a legacy type without a mechanical native equivalent needs a person.
   *
   * @param legacyPackage the package the type is in: {@link #GUAVA_PACKAGE}, {@link
   *     #COMPAT_GUAVA_PACKAGE} or {@link #VM_PACKAGE}
   * @param simpleType the type's simple name
   * @return the reason, naming the native API to use instead
   * @throws IllegalArgumentException if {@code legacyPackage} is none of the three
   */
  public static String reason(String legacyPackage, String simpleType) {
    if (isGuava(legacyPackage)) {
      switch (simpleType) {
        case "DeadEvent":
          return "DeadEvent: handle undelivered events through the bus's DeadLetterQueue";
        case "SubscriberExceptionHandler":
        case "SubscriberExceptionContext":
          return simpleType + ": implement dev.eventbus.api.EventExceptionHandler";
        case "AsyncEventBus":
          return "AsyncEventBus: build an asynchronous UnifiedEventBus with EventBusFactory;"
              + " review executor, ordering and retry settings";
        default:
          return simpleType + " has no direct equivalent in dev.eventbus.api";
      }
    }
    switch (simpleType) {
      case "EventHandler":
      case "EventFilter":
      case "EventSubscriptionId":
        return "the legacy handler API ("
            + simpleType
            + "): implement dev.eventbus.api.EventHandler"
            + " and EventFilter, subscribe by Class or type name, keep the Subscription";
      case "AsyncEventBus":
      case "AsyncEventBusConfig":
      case "AsyncEventBusStats":
        return simpleType
            + ": build an asynchronous UnifiedEventBus with EventBusFactory and EventBusConfig;"
            + " read stats() for the figures";
      default:
        return simpleType + " has no direct equivalent in dev.eventbus.api";
    }
  }

  /**
   * Why a call of a Guava bus method other than the mechanical ones needs a person.
   *
   * @param method the method's name, e.g. {@code unregister}
   * @return the reason, naming what to do instead
   */
  public static String guavaMethodReason(String method) {
    if (method.equals("unregister")) {
      return "unregister: keep the Subscription that UnifiedEventBus.register returns and close it";
    }
    return "EventBus#" + method + " has no direct equivalent on UnifiedEventBus";
  }

  /**
   * Whether a legacy package is Guava's API (Guava's own or the compat shim's).
   *
   * @param legacyPackage one of the three legacy packages
   * @return {@code true} for Guava's and the compat shim's, {@code false} for {@code vm.core.event}
   * @throws IllegalArgumentException if {@code legacyPackage} is none of the three
   */
  public static boolean isGuava(String legacyPackage) {
    switch (legacyPackage) {
      case GUAVA_PACKAGE:
      case COMPAT_GUAVA_PACKAGE:
        return true;
      case VM_PACKAGE:
        return false;
      default:
        throw new IllegalArgumentException("not a legacy event-bus package: " + legacyPackage);
    }
  }

  /** Why {@code new EventBus(handler)} needs a person. */
  public static final String HANDLER_CONSTRUCTOR_REASON =
      "new EventBus(...) with an exception handler: build the bus with EventBusFactory and"
          + " pass an EventExceptionHandler to its builder";

  /**
   * Why a file that reflects into Guava's package is left alone by both steps.
   *
   * @param symbol the reflected name found in the file
   * @return the reason, naming the symbol
   */
  public static String reflectionReason(String symbol) {
    return "reflects into Guava's event-bus internals ("
        + symbol
        + "), which neither eventbus-compat nor the native API has: nothing in the"
        + " file was changed; rewrite it against the public API by hand";
  }
}
