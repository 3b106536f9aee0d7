package dev.eventbus.kafka;

import dev.eventbus.api.spi.ContextPropagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/** The publisher's trace on a record: written by the relay, continued by the inbound side. */
final class TraceHeaders {

  private TraceHeaders() {}

  /**
   * Writes the calling thread's trace (the handler's, restored by the bus) into {@code headers}.
   */
  static void inject(@Nullable ContextPropagator propagator, Headers headers) {
    if (propagator == null) {
      return;
    }
    Object captured = propagator.capture();
    if (captured != null) {
      propagator.inject(
          captured, (name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * Makes the trace a record carries current, until the returned scope is closed.
   *
   * @return the scope, or {@code null} if there is no propagator or no valid trace on the record
   */
  static ContextPropagator.@Nullable Scope restore(
      @Nullable ContextPropagator propagator, Headers headers) {
    if (propagator == null) {
      return null;
    }
    Map<String, String> carried = new HashMap<>(2);
    for (String name : new String[] {KafkaHeaders.TRACEPARENT, KafkaHeaders.TRACESTATE}) {
      Header header = headers.lastHeader(name);
      if (header != null && header.value() != null) {
        carried.put(name, new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    if (!carried.containsKey(KafkaHeaders.TRACEPARENT)) {
      return null;
    }
    Object extracted = propagator.extract(carried);
    return extracted == null ? null : propagator.restore(extracted);
  }
}
