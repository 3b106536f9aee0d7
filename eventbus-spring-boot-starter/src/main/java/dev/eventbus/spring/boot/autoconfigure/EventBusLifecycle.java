package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.ShutdownReport;
import dev.eventbus.api.Subscribe;
import dev.eventbus.api.Subscription;
import dev.eventbus.api.UnifiedEventBus;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Ties the bus to the application context: when the context starts it registers every singleton
 * bean with a {@link Subscribe} method ({@link UnifiedEventBus#register}); when it stops it closes
 * those registrations and stops the bus within its configured shutdown timeout; the bus logs its
 * start and its {@link ShutdownReport} itself (once, at INFO, or WARNING if work was left). It
 * starts before the web server and stops after it, so no request publishes to a stopped bus.
 *
 * @since 0.1
 */
public final class EventBusLifecycle implements SmartLifecycle {

  /** Before the web server (Spring Boot's phases start at {@code DEFAULT_PHASE - 2048}). */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private static final System.Logger LOG = System.getLogger(EventBusLifecycle.class.getName());

  private final UnifiedEventBus bus;
  private final ListableBeanFactory beans;
  private final List<Subscription> registrations = new ArrayList<>();
  private volatile boolean running;

  /**
   * A lifecycle for {@code bus} that registers the {@code @Subscribe} beans of {@code beans}.
   *
   * @param bus the bus
   * @param beans the context's bean factory
   */
  public EventBusLifecycle(UnifiedEventBus bus, ListableBeanFactory beans) {
    this.bus = bus;
    this.beans = beans;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    bus.start();
    for (String name : beans.getBeanNamesForType(Object.class, false, false)) {
      Class<?> type = beans.getType(name, false);
      if (type != null && hasSubscribeMethod(type)) {
        registrations.add(bus.register(beans.getBean(name)));
        LOG.log(Level.DEBUG, "registered the @Subscribe methods of bean {0}", name);
      }
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    registrations.forEach(Subscription::close);
    registrations.clear();
    // The bus logs the report: logging it here too would log every stop twice.
    bus.stop(bus.config().shutdownTimeout());
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** How many beans were registered. */
  int registeredBeans() {
    return registrations.size();
  }

  static boolean hasSubscribeMethod(Class<?> type) {
    Map<Method, Boolean> annotated =
        MethodIntrospector.selectMethods(
            ClassUtils.getUserClass(type),
            (MethodIntrospector.MetadataLookup<Boolean>)
                method ->
                    AnnotatedElementUtils.hasAnnotation(method, Subscribe.class) ? true : null);
    return !annotated.isEmpty();
  }
}
