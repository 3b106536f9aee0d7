package dev.eventbus.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.spi.Snapshot;
import dev.eventbus.api.spi.SnapshotStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link SnapshotStore} must have. Extend it and implement {@link #openStore()}
 * so that every call opens a store on the same storage, fresh and empty for each test. State trees
 * come back as a JSON reader gives them (see {@link EventStoreContract}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SnapshotStoreContract extends StoreContractSupport<SnapshotStore> {

  /** For subclasses: the contract tests they run. */
  protected SnapshotStoreContract() {}

  private static Snapshot snapshot(String key, int version, long position, Object... keyValues) {
    Map<String, Object> state = new HashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      state.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new Snapshot(key, "com.acme.OrderTotals", version, position, state);
  }

  @Test
  void aMissingKeyHasNoSnapshot() {
    assertThat(store().load("nothing")).isEmpty();
  }

  @Test
  void aSavedSnapshotLoadsBackEqual() {
    Snapshot saved =
        snapshot("orders", 2, 41, "count", 3, "total", 12.5, "names", List.of("a", "\u20ac"));

    assertThat(store().save(saved)).isTrue();

    assertThat(store().load("orders")).contains(saved);
  }

  @Test
  void aSnapshotAtAHigherOrEqualPositionReplacesTheOldOne() {
    store().save(snapshot("orders", 1, 10, "count", 1));

    assertThat(store().save(snapshot("orders", 1, 20, "count", 2))).isTrue();
    assertThat(store().save(snapshot("orders", 2, 20, "count", 3))).isTrue();

    assertThat(store().load("orders")).contains(snapshot("orders", 2, 20, "count", 3));
  }

  @Test
  void aSnapshotAtALowerPositionIsRefusedAndTheNewerOneKept() {
    store().save(snapshot("orders", 1, 20, "count", 2));

    assertThat(store().save(snapshot("orders", 1, 10, "count", 1))).isFalse();

    assertThat(store().load("orders")).contains(snapshot("orders", 1, 20, "count", 2));
  }

  @Test
  void keysAreIndependent() {
    store().save(snapshot("a", 1, 5, "v", "a"));
    store().save(snapshot("b", 1, 1, "v", "b"));

    assertThat(store().load("a").orElseThrow().state()).containsEntry("v", "a");
    assertThat(store().load("b").orElseThrow().state()).containsEntry("v", "b");
  }

  @Test
  void contentSurvivesClosingAndReopening() {
    store().save(snapshot("orders", 3, 99, "count", 7));
    store().close();

    assertThat(reopen().load("orders")).contains(snapshot("orders", 3, 99, "count", 7));
  }

  @Test
  void aClosedStoreRefusesEveryCall() {
    store().close();

    assertThatThrownBy(() -> store().save(snapshot("a", 1, 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().load("a")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThatThrownBy(() -> store().save(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().load(null)).isInstanceOf(NullPointerException.class);
  }
}
