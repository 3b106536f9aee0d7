package dev.eventbus.rewrite;

import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.TreeVisitor;

/**
 * Renames com.google.common.eventbus to dev.eventbus.compat.guava, the same API backed by the
 * unified bus; a file that reflects into Guava's package, or declares a subscriber that a library's
 * Guava bus (or a bus of unknown type) may register, is left alone.
 *
 * <p>The first, mechanical step. See docs/migration.md.
 */
public final class GuavaToCompat extends ScanningRecipe<Analysis> {

  private final transient MigrationDecisions decisions = new MigrationDecisions(this);

  /** The recipe; it has no options. */
  public GuavaToCompat() {}

  @Override
  public String getDisplayName() {
    return "Migrate Guava's EventBus to eventbus-compat";
  }

  @Override
  public String getDescription() {
    return "Renames com.google.common.eventbus to dev.eventbus.compat.guava, the same API backed by the unified bus; a file that reflects into Guava's package, or declares a subscriber that a library's Guava bus (or a bus of unknown type) may register, is left alone.";
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
    return BusMigration.editor(acc, BusMigration.Step.COMPAT, decisions);
  }
}
