package dev.eventbus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.testkit.BusFixture;
import dev.eventbus.testkit.UnifiedEventBusContract;
import org.junit.jupiter.api.Test;

/**
 * The shared contract, run against the engine alone: no processor module, so the bus runs {@code
 * SYNC} only, on the engine's own processor.
 */
class SyncEngineContractTest extends UnifiedEventBusContract {

  @Override
  protected BusFixture fixture() {
    return setup -> {
      EventBusCore.Builder builder =
          EventBusCore.builder().exceptionHandler(setup.exceptionHandler());
      setup.busFilters().forEach(builder::filter);
      return builder.build();
    };
  }

  @Test
  void theEngineAlone_runsSyncOnly() {
    assertThat(bus.modes()).containsExactly(ProcessingMode.SYNC);
  }
}
