package dev.eventbus.api;

/**
 * The lifecycle of a bus: {@code NEW -> RUNNING -> STOPPING -> STOPPED}. Only a running bus accepts
 * events; the states never go backwards.
 *
 * @since 0.1
 */
public enum EventBusState {
  /** Built, not yet started: subscriptions are accepted, events are not. */
  NEW,
  /** Accepting and delivering events. */
  RUNNING,
  /** No longer accepting events; draining what is queued. */
  STOPPING,
  /** Stopped for good. */
  STOPPED
}
