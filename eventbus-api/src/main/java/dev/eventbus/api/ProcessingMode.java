package dev.eventbus.api;

/**
 * How a subscription's handler is invoked.
 *
 * @since 0.1
 */
public enum ProcessingMode {
  /** On the publisher's thread, before {@code publish} returns, in priority order. */
  SYNC,
  /**
   * On a bus worker thread. Events with the same partition key (or, without one, the same type)
   * reach the handler in publish order.
   */
  ASYNC,
  /** On a bus worker thread, in batches that flush on size or interval. */
  BATCH,
  /** One of the other modes, chosen and re-chosen by the bus from observed latency and rate. */
  ADAPTIVE
}
