package dev.eventbus.api;

import java.util.List;
import java.util.Objects;

/**
 * A handler of one payload type seen as a handler of {@code Object}, for {@link
 * UnifiedEventBus#subscribe(String, Class, EventHandler, SubscriptionOptions)}. The filter that
 * {@link #narrow(SubscriptionOptions)} adds lets only instances of the payload type through, so the
 * cast in {@link #handle(Object)} cannot fail. A {@link BatchEventHandler} stays one, so batch
 * processing still hands it whole batches.
 */
class TypedHandler<E> implements EventHandler<Object> {

  private final Class<E> payloadType;
  private final EventHandler<? super E> handler;

  /** {@code handler} as a handler of {@code Object}, a batch handler if it is one. */
  static <E> TypedHandler<E> of(Class<E> payloadType, EventHandler<? super E> handler) {
    return handler instanceof BatchEventHandler<? super E> batch
        ? new Batch<>(payloadType, batch)
        : new TypedHandler<>(payloadType, handler);
  }

  private TypedHandler(Class<E> payloadType, EventHandler<? super E> handler) {
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** {@code options} with a filter that first checks the payload type, then the options' own. */
  SubscriptionOptions narrow(SubscriptionOptions options) {
    Objects.requireNonNull(options, "options");
    EventFilter isPayload = payloadType::isInstance;
    return options.toBuilder()
        .filter(options.filter().map(isPayload::and).orElse(isPayload))
        .build();
  }

  @Override
  public void handle(Object event) throws Exception {
    handler.handle(payloadType.cast(event));
  }

  @Override
  public int priority() {
    return handler.priority();
  }

  @Override
  public String name() {
    return handler.name();
  }

  @Override
  public boolean supportsAsync() {
    return handler.supportsAsync();
  }

  @Override
  public String toString() {
    return handler + " (" + payloadType.getName() + ")";
  }

  /** A typed batch handler: every element of a batch passed the payload type's filter. */
  private static final class Batch<E> extends TypedHandler<E> implements BatchEventHandler<Object> {

    private final BatchEventHandler<? super E> batch;

    Batch(Class<E> payloadType, BatchEventHandler<? super E> batch) {
      super(payloadType, batch);
      this.batch = batch;
    }

    @Override
    @SuppressWarnings("unchecked") // each element is an E (the filter), so a supertype's list too
    public void handleBatch(List<Object> events) throws Exception {
      ((BatchEventHandler<Object>) batch).handleBatch(events);
    }
  }
}
