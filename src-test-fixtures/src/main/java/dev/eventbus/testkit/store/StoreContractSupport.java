package dev.eventbus.testkit.store;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store contracts share: a store opened before each test, reopened on demand on the same
 * storage, and everything opened closed after the test.
 *
 * @param <S> the kind of store
 */
public abstract class StoreContractSupport<S extends AutoCloseable> {

  /** For the store contracts. */
  protected StoreContractSupport() {}

  private final List<S> opened = new ArrayList<>();
  private @Nullable S store;

  /**
   * Opens a store on this test's storage; a second call opens the same storage again.
   *
   * @return a new store instance on this test's storage
   */
  protected abstract S openStore();

  /**
   * The store under test, opened before each test.
   *
   * @return the store opened for the running test
   * @throws IllegalStateException if no store is open
   */
  protected final S store() {
    S current = store;
    if (current == null) {
      throw new IllegalStateException("no store open");
    }
    return current;
  }

  /**
   * Opens the same storage again, as a restarted process would; closed after the test.
   *
   * @return the new store instance
   */
  protected final S reopen() {
    S again = openStore();
    opened.add(again);
    return again;
  }

  @BeforeEach
  final void openTheStore() {
    store = reopen();
  }

  @AfterEach
  final void closeEverything() throws Exception {
    for (S each : opened) {
      try {
        each.close();
      } catch (IllegalStateException alreadyClosed) {
        // closed by the test itself
      }
    }
  }
}
