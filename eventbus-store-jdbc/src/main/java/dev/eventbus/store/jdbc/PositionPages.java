package dev.eventbus.store.jdbc;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The source of a lazy stream read in pages keyed by position ({@code position >= next ... LIMIT
 * page}): it fetches the page from the next position when the previous one is used up, and stops
 * after a page with fewer rows than a full one. The event log's reads and the delivery ledger's
 * pending deliveries both page this way, so that a stream holds no connection between pages: each
 * fetch borrows one and gives it back before the stream hands out an item.
 *
 * <p>Not thread-safe, as any {@link Spliterator}: one stream, one consumer. Whatever the fetch
 * function throws ({@code EventStoreException}, {@code IllegalStateException} once the store
 * closed) reaches the stream's consumer when the stream advances to that page.
 *
 * @param <T> the items a page holds
 */
final class PositionPages<T> extends Spliterators.AbstractSpliterator<T> {

  /**
   * One fetched page: its items, how many rows the query returned (more than the items when rows
   * were skipped) and the last position among those rows.
   */
  record Chunk<T>(List<T> items, int rowCount, long lastPosition) {}

  private final LongFunction<Chunk<T>> fetch;
  private final int pageSize;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private long next;
  private boolean exhausted;

  private PositionPages(LongFunction<Chunk<T>> fetch, long from, int pageSize) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
    this.fetch = fetch;
    this.next = from;
    this.pageSize = pageSize;
  }

  /**
   * A sequential stream of the items of the pages {@code fetch} returns, the first from position
   * {@code from} on. Nothing is fetched before the stream is used.
   */
  static <T> Stream<T> stream(LongFunction<Chunk<T>> fetch, long from, int pageSize) {
    return StreamSupport.stream(new PositionPages<>(fetch, from, pageSize), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    while (buffer.isEmpty()) {
      if (exhausted) {
        return false;
      }
      Chunk<T> page = fetch.apply(next);
      buffer.addAll(page.items());
      if (page.rowCount() < pageSize) {
        exhausted = true;
      } else {
        next = page.lastPosition() + 1;
      }
    }
    action.accept(buffer.removeFirst());
    return true;
  }
}
