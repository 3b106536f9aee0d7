package dev.eventbus.rewrite;

import org.openrewrite.Column;
import org.openrewrite.DataTable;
import org.openrewrite.Recipe;

/**
 * Why a file took the step it took: one row for each file a recipe left on the compat step or left
 * alone, naming the reason (a use without a mechanical equivalent, a bus that stays legacy, a
 * receiver of unknown type, reflection into Guava's package).
 */
public final class MigrationDecisions extends DataTable<MigrationDecisions.Row> {

  /**
   * The table of one recipe.
   *
   * @param recipe the recipe that fills it
   */
  public MigrationDecisions(Recipe recipe) {
    super(
        recipe,
        "Event-bus migration decisions",
        "Files the recipe did not move to the target API, and why.");
  }

  /** One decision. */
  public static final class Row {
    @Column(displayName = "Source path", description = "The file, relative to the project root.")
    private final String sourcePath;

    @Column(
        displayName = "Decision",
        description = "COMPAT (kept on, or moved to, the compat step) or UNCHANGED (left alone).")
    private final String decision;

    @Column(displayName = "Reason", description = "Why, and what a person has to do.")
    private final String reason;

    /**
     * A decision.
     *
     * @param sourcePath the file
     * @param decision {@code COMPAT} or {@code UNCHANGED}
     * @param reason why
     */
    public Row(String sourcePath, String decision, String reason) {
      this.sourcePath = sourcePath;
      this.decision = decision;
      this.reason = reason;
    }

    /**
     * The file.
     *
     * @return its path relative to the project root
     */
    public String getSourcePath() {
      return sourcePath;
    }

    /**
     * The decision.
     *
     * @return {@code COMPAT} or {@code UNCHANGED}
     */
    public String getDecision() {
      return decision;
    }

    /**
     * Why.
     *
     * @return the reason, naming what a person has to do
     */
    public String getReason() {
      return reason;
    }

    @Override
    public String toString() {
      return sourcePath + " " + decision + ": " + reason;
    }
  }
}
