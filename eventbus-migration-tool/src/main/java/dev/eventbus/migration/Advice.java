package dev.eventbus.migration;

import dev.eventbus.rewrite.MigrationRules;

/** Whether a finding can be migrated mechanically, and what to do instead. */
record Advice(boolean autoMigratable, String suggestion) {

  static Advice of(LegacyApi api, FindingKind kind, String symbol) {
    String type = typeOf(symbol);
    String member = memberOf(symbol);
    boolean guava = api == LegacyApi.GUAVA;
    switch (kind) {
      case IMPORT:
      case STATIC_IMPORT:
      case FULLY_QUALIFIED_REFERENCE:
        if (kind == FindingKind.STATIC_IMPORT) {
          return new Advice(
              false,
              guava
                  ? "use the static member through the type; migrate --to compat moves it to "
                      + LegacyApi.COMPAT_GUAVA_PACKAGE
                  : "remove the static import; inject a UnifiedEventBus instead");
        }
        boolean rewritable =
            MigrationRules.rewritableType(api.packageName(), simpleTypeOf(api, symbol));
        if (guava) {
          return new Advice(
              rewritable,
              "use "
                  + LegacyApi.COMPAT_GUAVA_PACKAGE
                  + symbol.substring(api.packageName().length())
                  + " (migrate --to compat), then the dev.eventbus.api types"
                  + (rewritable ? " (migrate --to native)" : ""));
        }
        return new Advice(
            rewritable,
            rewritable
                ? "compiles unchanged against eventbus-compat; migrate --to native moves it to"
                    + " dev.eventbus.api"
                : "compiles unchanged against eventbus-compat; moving it to dev.eventbus.api"
                    + " needs a person");
      case ANNOTATION:
        if (type.endsWith(".Subscribe")) {
          return new Advice(true, "use @dev.eventbus.api.Subscribe");
        }
        return new Advice(
            true,
            "drop it; choose the delivery mode of the subscription (SubscriptionOptions) instead");
      case CONSTRUCTION:
        if (type.equals("com.google.common.eventbus.EventBus")
            || type.equals("vm.core.event.DomainEventBus")) {
          return new Advice(
              true, "build a UnifiedEventBus once with EventBusFactory and inject it");
        }
        if (type.endsWith(".AsyncEventBus")) {
          return new Advice(
              false,
              "build an asynchronous UnifiedEventBus with EventBusFactory; review executor, queue"
                  + " and retry settings by hand");
        }
        return new Advice(false, "replace with the dev.eventbus.api equivalent by hand");
      case SINGLETON_ACCESS:
        return new Advice(
            false, "pass a UnifiedEventBus in through the constructor instead of the singleton");
      case BUS_CALL:
        switch (member) {
          case "post":
          case "publish":
            return new Advice(true, "UnifiedEventBus.publish(event)");
          case "register":
            return new Advice(true, "UnifiedEventBus.register(listener); keep the Subscription");
          case "publishAsync":
            return new Advice(
                false, "UnifiedEventBus.publishAsync(event) returns a future; review");
          default:
            return new Advice(
                false, "use the Subscription returned by UnifiedEventBus.subscribe/register");
        }
      case DEAD_EVENT:
        return new Advice(false, "handle undelivered events through the bus's DeadLetterQueue");
      case EXCEPTION_HANDLER:
        return new Advice(false, "implement dev.eventbus.api.EventExceptionHandler");
      case REFLECTION:
        return new Advice(
            false,
            "reflects into Guava's event-bus internals, which neither eventbus-compat nor the"
                + " native API has: migrate leaves the file alone; rewrite it against the public"
                + " API by hand");
      case SUBCLASS:
        if (!guava && simpleTypeOf(api, symbol).equals("DomainEvent")) {
          return new Advice(true, "implement dev.eventbus.api.DomainEvent (migrate --to native)");
        }
        return new Advice(
            false,
            "implement the dev.eventbus.api type (e.g. EventHandler, DomainEvent) or wrap the bus");
    }
    throw new AssertionError(kind);
  }

  /** The legacy top-level type a symbol names, e.g. {@code EventBus}; {@code *} for a package. */
  private static String simpleTypeOf(LegacyApi api, String symbol) {
    String type = typeOf(symbol);
    String rest = type.substring(Math.min(type.length(), api.packageName().length() + 1));
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static String typeOf(String symbol) {
    int hash = symbol.indexOf('#');
    return hash < 0 ? symbol : symbol.substring(0, hash);
  }

  private static String memberOf(String symbol) {
    int hash = symbol.indexOf('#');
    return hash < 0 ? "" : symbol.substring(hash + 1);
  }
}
