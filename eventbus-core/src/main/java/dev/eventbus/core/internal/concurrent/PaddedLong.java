package dev.eventbus.core.internal.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A volatile {@code long} alone on its cache lines, for a count that one side of a lane writes per
 * event: beside other fields, every write would take the line away from the threads that read those
 * (false sharing), which costs more than the write itself when producer and consumer run on two
 * cores. The padding is 128 bytes on each side (a cache line and the neighbour the hardware
 * prefetches with it), laid out through superclasses, since the JVM orders a class's own fields as
 * it likes but puts a superclass's before a subclass's.
 */
public final class PaddedLong extends PaddedLongValue {

  @SuppressWarnings("unused")
  private long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(PaddedLongValue.class, "value", long.class);
    } catch (ReflectiveOperationException impossible) {
      throw new ExceptionInInitializerError(impossible);
    }
  }

  /** A value of 0. */
  public PaddedLong() {}

  /**
   * Reads the value.
   *
   * @return the value (a volatile read)
   */
  public long get() {
    return value;
  }

  /**
   * Sets the value (a volatile write).
   *
   * @param next the new value
   */
  public void set(long next) {
    value = next;
  }

  /**
   * Adds {@code delta} atomically.
   *
   * @param delta what to add (negative to subtract)
   */
  public void add(long delta) {
    VALUE.getAndAdd(this, delta);
  }

  /**
   * Adds one without atomicity or ordering and returns the value before: for a count that only one
   * thread at a time writes, or that may lose an increment under a race.
   *
   * @return the value before the increment
   */
  public long incrementPlain() {
    long before = (long) VALUE.get(this);
    VALUE.set(this, before + 1);
    return before;
  }

  /**
   * Adds one for a count that only one thread at a time writes (each writer's increments
   * happen-before the next writer's): a plain read and an opaque write, so no locked instruction,
   * and a reader on another thread sees a whole value, never a torn one.
   */
  public void incrementOpaque() {
    VALUE.setOpaque(this, (long) VALUE.get(this) + 1);
  }

  /**
   * Sets the value to {@code next} if it is {@code expected}, atomically.
   *
   * @param expected the value it must have
   * @param next the value to set
   * @return whether it was set
   */
  public boolean compareAndSet(long expected, long next) {
    return VALUE.compareAndSet(this, expected, next);
  }

  /**
   * Sets the value to {@code next} if it is {@code expected}, atomically.
   *
   * @param expected the value it must have
   * @param next the value to set
   * @return the value it had (equal to {@code expected} when it was set)
   */
  public long compareAndExchange(long expected, long next) {
    return (long) VALUE.compareAndExchange(this, expected, next);
  }
}

/** The value, after the padding before it. */
abstract class PaddedLongValue extends PaddedLongBefore {
  volatile long value;
}

/** The padding before the value. */
abstract class PaddedLongBefore {
  @SuppressWarnings("unused")
  private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}
