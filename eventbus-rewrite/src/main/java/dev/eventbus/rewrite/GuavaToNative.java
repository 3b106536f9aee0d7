package dev.eventbus.rewrite;

import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.TreeVisitor;

/**
 * Moves Guava's (and eventbus-compat's Guava-compatible)
 * EventBus, @Subscribe, @AllowConcurrentEvents, post and new EventBus() to dev.eventbus.api where
 * that is mechanical and provably keeps every delivery; the other files take the compat step, and
 * each decision is a row of the migration decisions table.
 *
 * <p>A subscriber takes the native @Subscribe only when every bus that may register it is native by
 * type after the step; a receiver of unknown type or a library's bus keeps it where it is.
 */
public final class GuavaToNative extends ScanningRecipe<Analysis> {

  private final transient MigrationDecisions decisions = new MigrationDecisions(this);

  /** The recipe; it has no options. */
  public GuavaToNative() {}

  @Override
  public String getDisplayName() {
    return "Migrate Guava's EventBus to the native event-bus API";
  }

  @Override
  public String getDescription() {
    return "Moves Guava's (and eventbus-compat's Guava-compatible) EventBus, @Subscribe, @AllowConcurrentEvents, post and new EventBus() to dev.eventbus.api where that is mechanical and provably keeps every delivery; the other files take the compat step, and each decision is a row of the migration decisions table.";
  }

  @Override
  public Analysis getInitialValue(ExecutionContext ctx) {
    return new Analysis(Dialect.GUAVA);
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getScanner(Analysis acc) {
    return acc.scanner();
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor(Analysis acc) {
    return BusMigration.editor(acc, BusMigration.Step.NATIVE, decisions);
  }
}
