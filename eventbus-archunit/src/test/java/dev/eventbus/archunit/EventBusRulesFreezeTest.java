package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.FIXTURES;
import static dev.eventbus.archunit.RuleTesting.importOnly;
import static dev.eventbus.archunit.RuleTesting.importPackages;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import com.tngtech.archunit.library.freeze.TextFileBasedViolationStore;
import com.tngtech.archunit.library.freeze.ViolationStore;
import dev.eventbus.archunit.fixtures.compat.CompatOrderService;
import dev.eventbus.archunit.fixtures.events.MutableEvent;
import dev.eventbus.archunit.fixtures.guava.GuavaOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacyOrderService;
import dev.eventbus.archunit.fixtures.legacy.LegacySingletonCaller;
import dev.eventbus.archunit.fixtures.statics.StaticBusHolder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules under {@link FreezingArchRule}, for gradual adoption. Each test gives the frozen rule a
 * store of its own, so no test depends on {@code archunit.properties} or on ArchUnit's global
 * configuration.
 */
class EventBusRulesFreezeTest {

  @Test
  void firstRunRecordsExistingViolationsAndPasses() {
    InMemoryViolationStore store = new InMemoryViolationStore();
    ArchRule rule = EventBusRules.NO_LEGACY_EVENT_BUS_API;

    EvaluationResult result =
        FreezingArchRule.freeze(rule)
            .persistIn(store)
            .evaluate(importOnly(LegacyOrderService.class));

    assertThat(result.hasViolation()).isFalse();
    assertThat(store.getViolations(rule))
        .isNotEmpty()
        .allMatch(line -> line.contains(LegacyOrderService.class.getName()));
  }

  @Test
  void laterRunFailsOnNewViolationsOnly() {
    InMemoryViolationStore store = new InMemoryViolationStore();
    FreezingArchRule frozen =
        FreezingArchRule.freeze(EventBusRules.NO_LEGACY_EVENT_BUS_API).persistIn(store);
    frozen.evaluate(importOnly(LegacyOrderService.class));

    EvaluationResult result =
        frozen.evaluate(importOnly(LegacyOrderService.class, LegacySingletonCaller.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains(LegacySingletonCaller.class.getName())
        .doesNotContain(LegacyOrderService.class.getName());
  }

  @Test
  void laterRunPassesWhenNothingNewAppeared() {
    InMemoryViolationStore store = new InMemoryViolationStore();
    FreezingArchRule frozen =
        FreezingArchRule.freeze(EventBusRules.NO_STATIC_EVENT_BUS).persistIn(store);
    JavaClasses classes = importOnly(LegacySingletonCaller.class, StaticBusHolder.class);
    frozen.evaluate(classes);

    assertThat(frozen.evaluate(classes).hasViolation()).isFalse();
  }

  @Test
  void fixedViolationsLeaveTheStore() {
    InMemoryViolationStore store = new InMemoryViolationStore();
    ArchRule rule = EventBusRules.NO_LEGACY_EVENT_BUS_API;
    FreezingArchRule frozen = FreezingArchRule.freeze(rule).persistIn(store);
    frozen.evaluate(importOnly(LegacyOrderService.class, LegacySingletonCaller.class));

    EvaluationResult afterFix = frozen.evaluate(importOnly(LegacyOrderService.class));

    assertThat(afterFix.hasViolation()).isFalse();
    assertThat(store.getViolations(rule))
        .isNotEmpty()
        .noneMatch(line -> line.contains(LegacySingletonCaller.class.getName()));
  }

  @Test
  void allCanBeFrozen() {
    InMemoryViolationStore store = new InMemoryViolationStore();
    FreezingArchRule frozen = FreezingArchRule.freeze(EventBusRules.all()).persistIn(store);
    assertThat(frozen.evaluate(importPackages(FIXTURES + ".legacy")).hasViolation()).isFalse();

    EvaluationResult result = frozen.evaluate(importPackages(FIXTURES));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains(GuavaOrderService.class.getName())
        .contains(CompatOrderService.class.getName())
        .contains(StaticBusHolder.class.getName())
        .contains(MutableEvent.class.getName())
        .doesNotContain(LegacyOrderService.class.getName());
  }

  @Test
  void frozenViolationsSurviveARoundTripThroughTheDefaultTextFileStore(@TempDir Path storeDir) {
    ArchRule rule = EventBusRules.NO_LEGACY_EVENT_BUS_API;
    FreezingArchRule.freeze(rule)
        .persistIn(new TextFileStoreIn(storeDir))
        .evaluate(importOnly(LegacyOrderService.class));

    // A fresh store on the same directory stands for the next build.
    FreezingArchRule nextBuild =
        FreezingArchRule.freeze(rule).persistIn(new TextFileStoreIn(storeDir));

    assertThat(storeDir).isDirectoryContaining(path -> path.endsWith("stored.rules"));
    assertThat(nextBuild.evaluate(importOnly(LegacyOrderService.class)).hasViolation()).isFalse();
    assertThat(
            nextBuild
                .evaluate(importOnly(LegacyOrderService.class, LegacySingletonCaller.class))
                .getFailureReport()
                .toString())
        .contains(LegacySingletonCaller.class.getName())
        .doesNotContain(LegacyOrderService.class.getName());
  }

  /** Keeps violations in memory, keyed by rule description as ArchUnit's own stores do. */
  private static final class InMemoryViolationStore implements ViolationStore {

    private final Map<String, List<String>> violationsByRule = new HashMap<>();

    @Override
    public void initialize(Properties properties) {}

    @Override
    public boolean contains(ArchRule rule) {
      return violationsByRule.containsKey(rule.getDescription());
    }

    @Override
    public void save(ArchRule rule, List<String> violations) {
      violationsByRule.put(rule.getDescription(), List.copyOf(violations));
    }

    @Override
    public List<String> getViolations(ArchRule rule) {
      return violationsByRule.getOrDefault(rule.getDescription(), List.of());
    }
  }

  /**
   * ArchUnit's default file store, pointed at a directory of the test's own instead of the one
   * {@code archunit.properties} would configure.
   */
  private static final class TextFileStoreIn implements ViolationStore {

    private final TextFileBasedViolationStore delegate = new TextFileBasedViolationStore();
    private final Properties properties = new Properties();

    TextFileStoreIn(Path directory) {
      properties.setProperty("default.path", directory.toString());
      properties.setProperty("default.allowStoreCreation", "true");
    }

    @Override
    public void initialize(Properties ignoredGlobalProperties) {
      delegate.initialize(properties);
    }

    @Override
    public boolean contains(ArchRule rule) {
      return delegate.contains(rule);
    }

    @Override
    public void save(ArchRule rule, List<String> violations) {
      delegate.save(rule, violations);
    }

    @Override
    public List<String> getViolations(ArchRule rule) {
      return delegate.getViolations(rule);
    }
  }
}
