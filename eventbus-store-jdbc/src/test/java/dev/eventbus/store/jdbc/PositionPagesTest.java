package dev.eventbus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.store.jdbc.PositionPages.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The paging of the stores' streams, without a database: a page is fetched only when the previous
 * one is used up, from the position after the last row it returned, and a short page is the last.
 */
class PositionPagesTest {

  /**
   * A table of rows at {@code positions}, fetched a page of {@code pageSize} rows at a time; rows
   * in {@code skipped} come back (they count towards the page) but are not items, as unreadable
   * events or completed deliveries are not.
   */
  private static final class Table {

    private final List<Long> positions;
    private final Set<Long> skipped;
    private final int pageSize;
    final List<Long> fetchedFrom = new ArrayList<>();

    Table(List<Long> positions, Set<Long> skipped, int pageSize) {
      this.positions = positions;
      this.skipped = skipped;
      this.pageSize = pageSize;
    }

    Chunk<Long> fetch(long from) {
      fetchedFrom.add(from);
      List<Long> rows = positions.stream().filter(p -> p >= from).limit(pageSize).toList();
      List<Long> items = rows.stream().filter(p -> !skipped.contains(p)).toList();
      return new Chunk<>(items, rows.size(), rows.isEmpty() ? 0 : rows.get(rows.size() - 1));
    }

    Stream<Long> stream(long from) {
      return PositionPages.stream(this::fetch, from, pageSize);
    }
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }

  @Test
  void pagesFollowOnFromTheLastPositionOfThePageBeforeAndStopAfterAShortOne() {
    Table table = new Table(List.of(2L, 3L, 5L, 8L, 13L, 21L, 34L), Set.of(), 3);

    assertThat(table.stream(1)).containsExactly(2L, 3L, 5L, 8L, 13L, 21L, 34L);
    assertThat(table.fetchedFrom).containsExactly(1L, 6L, 22L);
  }

  @Test
  void nothingIsFetchedBeforeTheStreamIsUsedAndOnlyAsFarAsItIsUsed() {
    Table table = new Table(range(1, 20), Set.of(), 5);

    Stream<Long> stream = table.stream(1);
    assertThat(table.fetchedFrom).isEmpty();

    assertThat(stream.limit(6)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(table.fetchedFrom).containsExactly(1L, 6L);
  }

  @Test
  void aFullPageOfSkippedRowsIsPassedOverAndPagingGoesOn() {
    Table table = new Table(range(1, 10), Set.of(4L, 5L, 6L, 9L), 3);

    assertThat(table.stream(1)).containsExactly(1L, 2L, 3L, 7L, 8L, 10L);
    assertThat(table.fetchedFrom).containsExactly(1L, 4L, 7L, 10L);
  }

  @Test
  void aTableOfWholePagesEndsWithOneEmptyFetch() {
    Table table = new Table(range(1, 6), Set.of(), 3);

    assertThat(table.stream(1)).isEqualTo(range(1, 6));
    assertThat(table.fetchedFrom).containsExactly(1L, 4L, 7L);
  }

  @Test
  void anEmptyTableIsOneFetch() {
    Table table = new Table(List.of(), Set.of(), 3);

    assertThat(table.stream(1)).isEmpty();
    assertThat(table.fetchedFrom).containsExactly(1L);
  }

  @Test
  void whatAFetchThrowsReachesTheConsumerAtThatPage() {
    Table table = new Table(range(1, 10), Set.of(), 4);
    Stream<Long> stream =
        PositionPages.stream(
            from -> {
              if (from > 1) {
                throw new IllegalStateException("closed");
              }
              return table.fetch(from);
            },
            1,
            4);
    List<Long> seen = new ArrayList<>();

    assertThatThrownBy(() -> stream.forEach(seen::add))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("closed");
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
  }
}
