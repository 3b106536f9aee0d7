/**
 * The processor SPI: what a processing mode implements ({@link
 * dev.eventbus.core.spi.EventProcessor}) and the services the engine gives it ({@link
 * dev.eventbus.core.spi.ProcessorContext}, {@link dev.eventbus.core.spi.HandlerInvoker}).
 */
@NullMarked
package dev.eventbus.core.spi;

import org.jspecify.annotations.NullMarked;
