package dev.eventbus.core.internal.subscriber;

import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link LongAdder} whose {@code base} does not share a cache line with the next object's. The
 * outcome counters sit side by side in memory, and some are written by the publishing thread (a
 * delivery accepted) and others by the worker (a delivery completed): unpadded, a profile of the
 * async path showed a quarter of its samples in their compare-and-set, each one fighting over a
 * line the other thread had just written. An adder only stripes when the same adder is contended,
 * so striping never set in. The padding follows the superclass's fields, which the JVM lays out
 * first.
 */
@SuppressWarnings("unused") // the padding is read by nobody; it only takes room
final class PaddedCounter extends LongAdder {

  private static final long serialVersionUID = 1L;

  private long p1;
  private long p2;
  private long p3;
  private long p4;
  private long p5;
  private long p6;
  private long p7;
  private long p8;
}
