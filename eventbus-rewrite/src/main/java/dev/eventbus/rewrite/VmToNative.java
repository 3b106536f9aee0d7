package dev.eventbus.rewrite;

import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.TreeVisitor;

/**
 * Moves DomainEventBus (type and new DomainEventBus()) and DomainEvent to dev.eventbus.api where
 * that is mechanical; files with other legacy uses (handlers, getInstance(), subscribe, catch
 * VmException) stay as they are, which eventbus-compat compiles unchanged.
 *
 * <p>VmException stays where it is thrown or declared: eventbus-compat provides it.
 */
public final class VmToNative extends ScanningRecipe<Analysis> {

  private final transient MigrationDecisions decisions = new MigrationDecisions(this);

  /** The recipe; it has no options. */
  public VmToNative() {}

  @Override
  public String getDisplayName() {
    return "Migrate the legacy vm.core.event buses to the native event-bus API";
  }

  @Override
  public String getDescription() {
    return "Moves DomainEventBus (type and new DomainEventBus()) and DomainEvent to dev.eventbus.api where that is mechanical; files with other legacy uses (handlers, getInstance(), subscribe, catch VmException) stay as they are, which eventbus-compat compiles unchanged.";
  }

  @Override
  public Analysis getInitialValue(ExecutionContext ctx) {
    return new Analysis(Dialect.VM);
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
