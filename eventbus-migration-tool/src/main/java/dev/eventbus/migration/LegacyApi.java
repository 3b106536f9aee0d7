package dev.eventbus.migration;

import dev.eventbus.rewrite.MigrationRules;
import java.util.Optional;
import java.util.Set;

/** The two legacy event-bus APIs the tool finds. */
public enum LegacyApi {
  /** The VM project's own buses in {@code vm.core.event}. */
  VM_LEGACY(
      "vm-legacy",
      MigrationRules.VM_PACKAGE,
      Set.of(
          "DomainEvent",
          "EventHandler",
          "EventFilter",
          "EventSubscriptionId",
          "VmException",
          "DomainEventBus",
          "AsyncEventBus",
          "AsyncEventBusConfig",
          "AsyncEventBusStats")),
  /** Guava's {@code com.google.common.eventbus}. */
  GUAVA(
      "guava",
      MigrationRules.GUAVA_PACKAGE,
      Set.of(
          "EventBus",
          "AsyncEventBus",
          "Subscribe",
          "AllowConcurrentEvents",
          "DeadEvent",
          "SubscriberExceptionHandler",
          "SubscriberExceptionContext"));

  private final String id;
  private final String packageName;
  private final Set<String> knownTypes;

  LegacyApi(String id, String packageName, Set<String> knownTypes) {
    this.id = id;
    this.packageName = packageName;
    this.knownTypes = knownTypes;
  }

  /** {@return the identifier used in reports: {@code vm-legacy} or {@code guava}} */
  public String id() {
    return id;
  }

  /** {@return the package of the API, e.g. {@code vm.core.event}} */
  public String packageName() {
    return packageName;
  }

  /**
   * Whether {@code simpleName} is a public top-level type of this API's package.
   *
   * @param simpleName a simple type name
   * @return {@code true} if this API's package has a public top-level type of that name
   */
  public boolean hasType(String simpleName) {
    return knownTypes.contains(simpleName);
  }

  /**
   * The package of {@code eventbus-compat}'s Guava-compatible API: the same types as Guava's, and
   * the first step of a migration. Not a legacy API for a scan, but Guava code for {@code migrate
   * --to native}.
   */
  static final String COMPAT_GUAVA_PACKAGE = MigrationRules.COMPAT_GUAVA_PACKAGE;

  /** Whether a fully qualified name lies in the compat shim's Guava package. */
  static boolean isInCompatShim(String qualifiedName) {
    return qualifiedName.equals(COMPAT_GUAVA_PACKAGE)
        || qualifiedName.startsWith(COMPAT_GUAVA_PACKAGE + ".");
  }

  /**
   * The API a fully qualified name (of a type, member or package) belongs to, if any.
   *
   * @param qualifiedName a fully qualified name
   * @return the API whose package is the name or encloses it, or empty
   */
  public static Optional<LegacyApi> ofQualifiedName(String qualifiedName) {
    for (LegacyApi api : values()) {
      if (qualifiedName.equals(api.packageName)
          || qualifiedName.startsWith(api.packageName + ".")) {
        return Optional.of(api);
      }
    }
    return Optional.empty();
  }
}
