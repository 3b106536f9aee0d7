package dev.eventbus.processors;

import dev.eventbus.core.EventBusCore;
import dev.eventbus.testkit.BusFixture;
import dev.eventbus.testkit.UnifiedEventBusContract;

/** The contract, run against the default bus: every subscription synchronous. */
class SyncBusContractTest extends UnifiedEventBusContract {

  @Override
  protected BusFixture fixture() {
    return setup -> {
      EventBusCore.Builder builder =
          EventBusFactory.builder().exceptionHandler(setup.exceptionHandler());
      setup.busFilters().forEach(builder::filter);
      return builder.build();
    };
  }
}
