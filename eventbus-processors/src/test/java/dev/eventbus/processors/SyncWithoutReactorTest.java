package dev.eventbus.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.PublishResult;
import dev.eventbus.api.UnifiedEventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A SYNC-only application that leaves Project Reactor out of its class path. Runs only in the
 * surefire execution {@code sync-without-reactor}, whose class path has no Reactor (see the pom):
 * the first test checks that it really has none.
 */
@Tag("without-reactor")
class SyncWithoutReactorTest {

  record Placed(String orderId) {}

  @Test
  void reactorIsNotOnThisRunsClassPath() {
    assertThatThrownBy(() -> Class.forName("reactor.core.scheduler.Schedulers"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aSyncOnlyBusBuildsPublishesAndStopsWithoutReactor() {
    List<String> placed = new CopyOnWriteArrayList<>();
    try (UnifiedEventBus bus = EventBusFactory.builder().modes(ProcessingMode.SYNC).build()) {
      bus.subscribe(Placed.class, event -> placed.add(event.orderId()));

      PublishResult result = bus.publish(new Placed("o-1"));

      assertThat(result.delivered()).isEqualTo(1);
      assertThat(placed).containsExactly("o-1");
      assertThat(bus.stats().published()).isEqualTo(1);
    }
  }

  @Test
  void aModeThatNeedsReactorFailsAtBuildNamingWhatToAdd() {
    for (ProcessingMode mode :
        List.of(ProcessingMode.ASYNC, ProcessingMode.BATCH, ProcessingMode.ADAPTIVE)) {
      assertThatThrownBy(() -> EventBusFactory.builder().modes(mode).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(mode + " runs on Project Reactor")
          .hasMessageContaining("io.projectreactor:reactor-core")
          .hasMessageContaining("modes(ProcessingMode.SYNC)");
    }
    assertThatThrownBy(EventBusFactory::createDefault)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io.projectreactor:reactor-core");
  }
}
