package dev.eventbus.durable.internal;

import dev.eventbus.api.spi.EventStore;
import dev.eventbus.api.spi.NewEvent;
import dev.eventbus.api.spi.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: publishers hand their events to one writer thread, which appends whatever has
 * queued up since its last append in a single {@link EventStore#append(List)} (one transaction, one
 * commit), up to a batch size, and wakes each publisher once its events are stored. Under load many
 * publishes share a commit; alone, a publish waits for one commit of its own.
 */
final class AppendQueue {

  private final EventStore store;
  private final int maxBatch;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private final Thread writer;
  private boolean closed;

  /**
   * Starts the writer thread.
   *
   * @param store where events go
   * @param maxBatch the most events one append takes (a larger single request still goes alone)
   */
  public AppendQueue(EventStore store, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
    }
    this.store = Objects.requireNonNull(store, "store");
    this.maxBatch = maxBatch;
    this.writer = new Thread(this::run, "eventbus-store-append");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Appends events and waits until they are stored.
   *
   * @return the stored events, with their positions
   * @throws RuntimeException what the store threw ({@link dev.eventbus.api.spi.EventStoreException}
   *     when the append failed); then none of the events is stored
   * @throws IllegalStateException if the queue is closed
   */
  public List<StoredEvent> append(List<NewEvent> events) {
    Request request = new Request(List.copyOf(events));
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the event store's append queue is closed");
      }
      queue.add(request);
    }
    try {
      return request.done.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Stops taking events, lets the writer store what is queued, and waits for it to finish. */
  public void close(long timeoutMillis) {
    synchronized (lock) {
      closed = true;
    }
    try {
      writer.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Request first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // nobody interrupts this thread on purpose; close() ends it
      }
      if (first == null) {
        synchronized (lock) {
          if (closed && queue.isEmpty()) {
            return;
          }
        }
        continue;
      }
      List<Request> batch = new ArrayList<>();
      batch.add(first);
      int size = first.events.size();
      Request next;
      while (size < maxBatch
          && (next = queue.peek()) != null
          && size + next.events.size() <= maxBatch) {
        batch.add(queue.poll());
        size += next.events.size();
      }
      write(batch, size);
    }
  }

  private void write(List<Request> batch, int size) {
    List<NewEvent> all = new ArrayList<>(size);
    for (Request request : batch) {
      all.addAll(request.events);
    }
    List<StoredEvent> stored;
    try {
      stored = store.append(all);
    } catch (RuntimeException | Error failure) {
      for (Request request : batch) {
        request.done.completeExceptionally(failure);
      }
      return;
    }
    int at = 0;
    for (Request request : batch) {
      int n = request.events.size();
      request.done.complete(stored.subList(at, at + n));
      at += n;
    }
  }

  private static final class Request {
    final List<NewEvent> events;
    final CompletableFuture<List<StoredEvent>> done = new CompletableFuture<>();

    Request(List<NewEvent> events) {
      this.events = events;
    }
  }
}
