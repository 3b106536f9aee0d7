/**
 * The pieces every transport between buses shares (Kafka, Redis Streams): {@link
 * dev.eventbus.transport.MessageFields}, {@link dev.eventbus.transport.OutboundMessage}, {@link
 * dev.eventbus.transport.InboundMessage} and {@link dev.eventbus.transport.InboundHandling}.
 */
@NullMarked
package dev.eventbus.transport;

import org.jspecify.annotations.NullMarked;
