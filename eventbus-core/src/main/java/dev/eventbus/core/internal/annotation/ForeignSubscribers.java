package dev.eventbus.core.internal.annotation;

import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Subscriber methods marked by another module's annotation, which {@link
 * UnifiedEventBus#register(Object)} subscribes too: eventbus-compat provides one for its
 * Guava-compatible {@code @Subscribe}, so that a code base halfway through its migration still
 * delivers every event. Found with {@link ServiceLoader} (the engine cannot name the compat module,
 * which depends on it).
 *
 * <p>A method that carries the native {@link dev.eventbus.api.Subscribe} as well is the native
 * path's: a provider must not subscribe it again.
 */
public interface ForeignSubscribers {

  /**
   * Subscribes the methods of {@code listener} that this provider's annotation marks and the native
   * one does not. Either all of them are subscribed or, if one fails, none stays subscribed.
   *
   * @param bus the bus to subscribe on
   * @param listener the object being registered
   * @return one subscription per method; empty if the listener has none
   * @throws IllegalArgumentException if such a method is malformed
   */
  List<Subscription> subscribe(UnifiedEventBus bus, Object listener);

  /** {@return the providers on the module or class path of the engine, loaded once} */
  static List<ForeignSubscribers> installed() {
    return Installed.PROVIDERS;
  }

  /** Holds the providers, loaded on first use. */
  final class Installed {
    static final List<ForeignSubscribers> PROVIDERS =
        ServiceLoader.load(ForeignSubscribers.class, ForeignSubscribers.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    private Installed() {}
  }
}
