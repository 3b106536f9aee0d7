package dev.eventbus.processors;

import dev.eventbus.api.BatchConfig;
import dev.eventbus.api.EventBusConfig;
import dev.eventbus.api.ProcessingMode;
import dev.eventbus.testkit.BusFixture;
import dev.eventbus.testkit.UnifiedEventBusContract;
import java.time.Duration;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract, run against the native bus once per processing mode: the bus's default mode is the
 * mode under test, so every subscription the contract makes runs in it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ProcessingMode.class)
class NativeBusContractTest extends UnifiedEventBusContract {

  @Parameter ProcessingMode mode;

  @Override
  protected ProcessingMode mode() {
    return mode;
  }

  @Override
  protected BusFixture fixture() {
    return setup -> {
      EventBusBuilder builder =
          EventBusFactory.builder()
              .config(
                  EventBusConfig.builder()
                      .defaultMode(mode)
                      // Short flush intervals keep the many one-event publishes quick in BATCH.
                      .batch(BatchConfig.builder().batchInterval(Duration.ofMillis(1)).build())
                      .build())
              .exceptionHandler(setup.exceptionHandler());
      setup.busFilters().forEach(builder::filter);
      return builder.build();
    };
  }
}
