/**
 * Immutable bus configuration: {@link dev.eventbus.api.config.EventBusConfig} and its parts. Every
 * value is checked when it is set; a bad value throws {@link IllegalArgumentException} whose
 * message names the field and the value.
 */
@NullMarked
package dev.eventbus.api.config;

import org.jspecify.annotations.NullMarked;
