/**
 * Spring Boot auto-configuration of a {@link dev.eventbus.api.UnifiedEventBus}: the bus bean and
 * its {@code eventbus.*} properties, {@code @Subscribe} beans registered while the context runs, a
 * stop through Spring's lifecycle, Micrometer meters, an Actuator health contributor and endpoint.
 */
@NullMarked
package dev.eventbus.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
