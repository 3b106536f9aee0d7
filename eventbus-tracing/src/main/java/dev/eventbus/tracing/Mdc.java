package dev.eventbus.tracing;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** The SLF4J MDC, touched only when {@link #available()} said SLF4J is there. */
final class Mdc {

  private Mdc() {}

  /** Whether SLF4J's MDC can be loaded from here. */
  static boolean available() {
    try {
      Class.forName("org.slf4j.MDC", false, Mdc.class.getClassLoader());
      return Mdc.class.getModule().canRead(MDC.class.getModule());
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  /** The calling thread's MDC entries, or {@code null} if it has none. */
  static @Nullable Map<String, String> copy() {
    Map<String, String> entries = MDC.getCopyOfContextMap();
    return entries == null || entries.isEmpty() ? null : entries;
  }

  /**
   * Replaces the calling thread's MDC entries with {@code entries} (clears it for {@code null}).
   *
   * @return the entries it had before, or {@code null}
   */
  static @Nullable Map<String, String> set(@Nullable Map<String, String> entries) {
    Map<String, String> before = copy();
    if (entries == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(entries);
    }
    return before;
  }
}
