package dev.eventbus.api;

/**
 * The lane an event takes through the queues of asynchronous processing: inside one shard, queued
 * {@code HIGH} events are taken before {@code NORMAL} ones, and those before {@code LOW} ones.
 * Synchronous delivery ignores it.
 *
 * @since 0.1
 */
public enum EventPriority {
  /** Taken first. */
  HIGH,
  /** The lane of events that do not say otherwise. */
  NORMAL,
  /** Taken last. */
  LOW
}
