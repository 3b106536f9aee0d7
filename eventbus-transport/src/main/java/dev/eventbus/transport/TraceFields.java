package dev.eventbus.transport;

import dev.eventbus.api.spi.ContextPropagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The publisher's trace on a message, through the bus's {@link ContextPropagator}: a relay writes
 * the trace current where its handler runs (the bus restored the publisher's context there) as the
 * W3C fields {@link MessageFields#TRACEPARENT} and {@link MessageFields#TRACESTATE}; an inbound
 * side makes the trace a message carries current around its publish, so the handlers behind the hop
 * continue it. Every transport carries trace context through this one class.
 */
public final class TraceFields {

  private TraceFields() {}

  /**
   * The calling thread's trace as W3C fields.
   *
   * @param propagator the bus's propagator, or null for none
   * @return {@code traceparent} (and {@code tracestate} when there is one), in that order; empty
   *     without a propagator or without a trace
   */
  public static Map<String, String> capture(@Nullable ContextPropagator propagator) {
    if (propagator == null) {
      return Map.of();
    }
    Object captured = propagator.capture();
    if (captured == null) {
      return Map.of();
    }
    Map<String, String> fields = new LinkedHashMap<>(4);
    propagator.inject(captured, fields::put);
    // Only the two W3C fields travel: a propagator's other headers have no name on the wire.
    fields.keySet().retainAll(Set.of(MessageFields.TRACEPARENT, MessageFields.TRACESTATE));
    return fields;
  }

  /**
   * Makes the trace a message carries current, until the returned scope is closed.
   *
   * @param propagator the bus's propagator, or null for none
   * @param fields the message's fields
   * @return the scope, or null if there is no propagator or the message has no valid trace
   */
  public static ContextPropagator.@Nullable Scope restore(
      @Nullable ContextPropagator propagator, InboundMessage.FieldSource fields) {
    if (propagator == null) {
      return null;
    }
    Map<String, String> carried = read(fields);
    if (carried.isEmpty()) {
      return null;
    }
    Object extracted = propagator.extract(carried);
    return extracted == null ? null : propagator.restore(extracted);
  }

  /**
   * The W3C fields a message carries.
   *
   * @param fields the message's fields
   * @return {@code traceparent} and {@code tracestate} as present; empty without a {@code
   *     traceparent}
   */
  public static Map<String, String> read(InboundMessage.FieldSource fields) {
    String traceparent = fields.get(MessageFields.TRACEPARENT);
    if (traceparent == null) {
      return Map.of();
    }
    Map<String, String> carried = new LinkedHashMap<>(4);
    carried.put(MessageFields.TRACEPARENT, traceparent);
    String tracestate = fields.get(MessageFields.TRACESTATE);
    if (tracestate != null) {
      carried.put(MessageFields.TRACESTATE, tracestate);
    }
    return carried;
  }
}
