package dev.eventbus.rewrite;

import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.TreeVisitor;

/**
 * The second step after GuavaToCompat: moves dev.eventbus.compat.guava code to dev.eventbus.api
 * under the same rules as GuavaToNative; Guava's own package is not touched.
 *
 * <p>Files that cannot move stay on the compat API, each with its reason in the migration decisions
 * table.
 */
public final class CompatToNative extends ScanningRecipe<Analysis> {

  private final transient MigrationDecisions decisions = new MigrationDecisions(this);

  /** The recipe; it has no options. */
  public CompatToNative() {}

  @Override
  public String getDisplayName() {
    return "Migrate eventbus-compat's Guava API to the native event-bus API";
  }

  @Override
  public String getDescription() {
    return "The second step after GuavaToCompat: moves dev.eventbus.compat.guava code to dev.eventbus.api under the same rules as GuavaToNative; Guava's own package is not touched.";
  }

  @Override
  public Analysis getInitialValue(ExecutionContext ctx) {
    return new Analysis(Dialect.COMPAT);
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
