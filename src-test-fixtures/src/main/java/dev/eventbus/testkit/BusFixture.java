package dev.eventbus.testkit;

import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.EventFilter;
import dev.eventbus.api.UnifiedEventBus;
import java.util.List;
import java.util.Objects;

/**
 * What a contract test asks of the implementation under test: a new, running bus that reports
 * failures to {@code exceptionHandler} and applies {@code busFilters} to every event.
 */
@FunctionalInterface
public interface BusFixture {

  /**
   * The wiring one bus under test gets.
   *
   * @param exceptionHandler where the bus must report final handler failures
   * @param busFilters bus-wide filters, in order
   */
  record Setup(EventExceptionHandler exceptionHandler, List<EventFilter> busFilters) {
    /**
     * Copies the filters.
     *
     * @param exceptionHandler where the bus must report final handler failures
     * @param busFilters bus-wide filters, in order
     * @throws NullPointerException if {@code exceptionHandler}, the list or a filter is null
     */
    public Setup {
      Objects.requireNonNull(exceptionHandler, "exceptionHandler");
      busFilters = List.copyOf(busFilters);
    }
  }

  /**
   * A new, running bus wired as {@code setup} says.
   *
   * @param setup the exception handler and bus-wide filters the bus must use
   * @return the bus, running
   */
  UnifiedEventBus create(Setup setup);
}
