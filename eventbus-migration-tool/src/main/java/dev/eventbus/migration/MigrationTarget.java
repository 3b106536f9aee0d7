package dev.eventbus.migration;

/** Where {@code migrate} moves code to. */
public enum MigrationTarget {
  /**
   * The first, always safe step: Guava's {@code com.google.common.eventbus} becomes {@code
   * dev.eventbus.compat.guava}, the same API backed by the unified bus. Code on {@code
   * vm.core.event} is left alone: {@code eventbus-compat} provides that package as it is.
   */
  COMPAT,
  /**
   * The unified API itself: {@code UnifiedEventBus} built by {@code EventBusFactory}, {@code
   * dev.eventbus.api.Subscribe}, {@code publish}. A file that uses something without a mechanical
   * equivalent, and the files connected to it, get the {@link #COMPAT} step instead, and every
   * reason is listed.
   */
  NATIVE
}
