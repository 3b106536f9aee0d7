package dev.eventbus.spring.boot.autoconfigure;

import dev.eventbus.api.UnifiedEventBus;
import dev.eventbus.api.spi.ContextPropagator;
import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.api.spi.EventUpcaster;
import dev.eventbus.durable.DurableStorage;
import dev.eventbus.processors.EventBusBuilder;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.store.jdbc.JdbcDatabase;
import dev.eventbus.tracing.OpenTelemetryContextPropagator;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Auto-configures a {@link UnifiedEventBus} from the {@code eventbus.*} properties ({@link
 * EventBusProperties}), unless the application defines its own; a {@link DurableStorage} bean makes
 * it durable, and so does {@code eventbus.storage.jdbc.enabled=true}, which stores the events in
 * the application's {@code DataSource}. Whichever bus the context has, {@link EventBusLifecycle}
 * registers the beans with {@code @Subscribe} methods when the context starts and stops the bus
 * when it stops. With Micrometer, the bus's meters are bound to the application's {@code
 * MeterRegistry}; with Actuator, the health contributor {@code eventBus} and the endpoint {@code
 * eventbus} are added. With spring-jdbc and one {@link DataSource}, a {@link
 * TransactionalEventPublisher} publishes in the transaction Spring manages. Works on Spring Boot
 * 3.5 and 4.0.
 *
 * @since 0.1
 */
// After the DataSource is configured (Spring Boot 3, Spring Boot 4), for the publisher's condition.
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusAutoConfiguration {

  /** The name of the health indicator bean; Actuator reports it as {@code eventBus}. */
  public static final String HEALTH_INDICATOR = "eventBusHealthIndicator";

  /** Made by Spring. */
  public EventBusAutoConfiguration() {}

  /**
   * The bus, built from the properties and started.
   *
   * @param properties the {@code eventbus.*} properties
   * @param storage a {@link DurableStorage} bean, if the application defines one
   * @param contextPropagator a {@link ContextPropagator} bean (the OpenTelemetry one when
   *     eventbus-tracing is on the class path, or the application's own), if there is one
   * @return the bus
   */
  @Bean
  @ConditionalOnMissingBean
  public UnifiedEventBus eventBus(
      EventBusProperties properties,
      ObjectProvider<DurableStorage> storage,
      ObjectProvider<ContextPropagator> contextPropagator) {
    EventBusBuilder builder = EventBusFactory.builder().config(properties.toConfig());
    storage.ifAvailable(builder::storage);
    contextPropagator.ifUnique(builder::contextPropagator);
    return builder.build();
  }

  /**
   * The publisher's OpenTelemetry context (the span of Micrometer Tracing's OpenTelemetry bridge
   * too) and SLF4J MDC carried to handlers, when eventbus-tracing is on the class path and the
   * application defines no {@link ContextPropagator} of its own.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "dev.eventbus.tracing.OpenTelemetryContextPropagator",
        "io.opentelemetry.context.Context"
      })
  static class Tracing {

    @Bean
    @ConditionalOnMissingBean(ContextPropagator.class)
    ContextPropagator eventBusContextPropagator() {
      return OpenTelemetryContextPropagator.create();
    }
  }

  /**
   * Registers the {@code @Subscribe} beans and stops the bus with the context.
   *
   * @param bus the context's bus
   * @param context the context
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  public EventBusLifecycle eventBusLifecycle(UnifiedEventBus bus, ApplicationContext context) {
    return new EventBusLifecycle(bus, context);
  }

  /**
   * The event store on the application's DataSource, when {@code eventbus.storage.jdbc.enabled} is
   * true and the application defines no {@link DurableStorage} of its own.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcDatabase.class)
  @ConditionalOnProperty(name = DataSourceStorage.PROPERTY, havingValue = "true")
  @ConditionalOnMissingBean(DurableStorage.class)
  static class JdbcStorage {

    /** Closed with the context, after the bus has stopped. */
    @Bean
    JdbcDatabase eventBusDatabase(ObjectProvider<DataSource> dataSource) {
      return DataSourceStorage.database(dataSource.getIfUnique());
    }

    @Bean
    DurableStorage eventBusStorage(
        JdbcDatabase eventBusDatabase,
        ObjectProvider<EventCodec> codec,
        ObjectProvider<EventUpcaster> upcasters) {
      return DataSourceStorage.storage(
          eventBusDatabase, codec.getIfUnique(), upcasters.orderedStream().toList());
    }
  }

  /**
   * {@code eventbus.storage.jdbc.enabled=true} without eventbus-store-jdbc: a start that says so.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("dev.eventbus.store.jdbc.JdbcDatabase")
  @ConditionalOnProperty(name = DataSourceStorage.PROPERTY, havingValue = "true")
  static class JdbcStorageMissing {

    @Bean
    Object eventBusStorageMissing() {
      throw new IllegalStateException(
          DataSourceStorage.PROPERTY
              + "=true needs eventbus-store-jdbc on the class path: add the dependency"
              + " dev.eventbus:eventbus-store-jdbc");
    }
  }

  /** Publishing in Spring-managed transactions, when spring-jdbc and one DataSource are there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DataSourceUtils.class, TransactionSynchronizationManager.class})
  static class SpringTransactions {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    TransactionalEventPublisher transactionalEventPublisher(
        UnifiedEventBus bus, DataSource dataSource) {
      return new TransactionalEventPublisher(bus, dataSource);
    }
  }

  /** The bus's meters, when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Metrics {

    @Bean
    EventBusMeterBinding eventBusMeterBinding(
        UnifiedEventBus bus, ObjectProvider<MeterRegistry> registries) {
      return new EventBusMeterBinding(bus, registries);
    }
  }

  /** The Actuator endpoint {@code eventbus}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class ActuatorEndpoint {

    @Bean
    @ConditionalOnMissingBean
    EventBusEndpoint eventBusEndpoint(UnifiedEventBus bus) {
      return new EventBusEndpoint(bus);
    }
  }

  /** The health contributor {@code eventBus} on Spring Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3Health {

    @Bean(HEALTH_INDICATOR)
    @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
    org.springframework.boot.actuate.health.HealthIndicator eventBusHealthIndicator(
        UnifiedEventBus bus) {
      return new Boot3EventBusHealthIndicator(bus);
    }
  }

  /** The health contributor {@code eventBus} on Spring Boot 4. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {

    @Bean(HEALTH_INDICATOR)
    @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
    org.springframework.boot.health.contributor.HealthIndicator eventBusHealthIndicator(
        UnifiedEventBus bus) {
      return new Boot4EventBusHealthIndicator(bus);
    }
  }
}
