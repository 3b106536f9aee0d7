package dev.eventbus.compat.bridge;

import dev.eventbus.processors.EventBusBuilder;
import dev.eventbus.processors.EventBusFactory;
import dev.eventbus.testkit.BusFixture;
import dev.eventbus.testkit.UnifiedEventBusContract;
import vm.core.event.DomainEventBus;

/**
 * The unified bus contract, run on the view {@link LegacyBridges#fromDomainEventBus} gives of a
 * legacy bus: the view must behave as any native bus does.
 */
class FromDomainEventBusContractTest extends UnifiedEventBusContract {

  @Override
  protected BusFixture fixture() {
    return setup -> {
      EventBusBuilder builder =
          EventBusFactory.builder().exceptionHandler(setup.exceptionHandler());
      setup.busFilters().forEach(builder::filter);
      DomainEventBus legacy = new DomainEventBus(builder.build());
      return LegacyBridges.fromDomainEventBus(legacy);
    };
  }
}
