/**
 * The processor SPI: what a processing mode implements ({@link
 * dev.eventbus.core.spi.EventProcessor}) and what the engine gives it ({@link
 * dev.eventbus.core.spi.ProcessorContext}, {@link dev.eventbus.core.spi.HandlerInvoker}, {@link
 * dev.eventbus.core.spi.Subscriber}). The only package of {@code eventbus-core} exported to every
 * module; the engine itself is internal.
 */
@NullMarked
package dev.eventbus.core.spi;

import org.jspecify.annotations.NullMarked;
