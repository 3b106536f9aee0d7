/**
 * {@link dev.eventbus.codec.jackson.JacksonEventCodec}: events to JSON-like trees and back with
 * Jackson, each class registered under a type name and its current version.
 */
@NullMarked
package dev.eventbus.codec.jackson;

import org.jspecify.annotations.NullMarked;
