package dev.eventbus.rewrite;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.Parser;
import org.openrewrite.Recipe;
import org.openrewrite.RecipeRun;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.config.CompositeRecipe;
import org.openrewrite.internal.InMemoryLargeSourceSet;
import org.openrewrite.java.JavaParser;
import org.openrewrite.java.search.FindMissingTypes;
import org.openrewrite.java.tree.J;
import org.openrewrite.tree.ParseError;

/**
 * Runs the recipes on a source tree outside a build, as the migration tool's {@code migrate} does:
 * the files are parsed together into type-attributed trees against a given class path, one recipe
 * run takes the step, and what changed comes back as text, with each decision not to move a file.
 * Nothing is written.
 */
public final class TreeMigration {

  /** The step to take. */
  public enum Step {
    /**
     * {@code MigrateGuavaToCompat}: Guava's package becomes the compat shim's (files that reflect
     * into Guava, and subscribers of a library's Guava bus, are left alone).
     */
    COMPAT,
    /** {@code MigrateGuavaToNative} and {@code MigrateVmToNative} in one run. */
    NATIVE
  }

  /**
   * Why a file did not move to the target: a row of {@link MigrationDecisions}.
   *
   * @param decision {@code COMPAT} (kept on, or moved to, the compat step) or {@code UNCHANGED}
   * @param reason why, and what a person has to do
   */
  public record Decision(String decision, String reason) {

    /**
     * Validates the fields.
     *
     * @param decision {@code COMPAT} or {@code UNCHANGED}
     * @param reason why
     * @throws NullPointerException if a component is null
     */
    public Decision {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * What one run made of the tree; every map is keyed by the path relative to the root with {@code
   * /} separators, sorted.
   *
   * @param changed the text of each file the step changed
   * @param decisions each file the step did not move to its target, and why
   * @param notParsed each file the parser could not read, with its message
   * @param unattributed each file the recipes decided on or changed in which the compiler could not
   *     attribute a type (its class is not on the class path), with the first such code
   * @param renamedCalls the files in which a call on a bus was renamed ({@code post} to {@code
   *     publish}); for a file kept on the compat step, a call on a bus that another file declares
   *     and that moved
   */
  public record Outcome(
      Map<String, String> changed,
      Map<String, Decision> decisions,
      Map<String, String> notParsed,
      Map<String, String> unattributed,
      Set<String> renamedCalls) {

    /**
     * Copies the maps.
     *
     * @param changed the text of each file the step changed
     * @param decisions each file the step did not move to its target, and why
     * @param notParsed each file the parser could not read, with its message
     * @param unattributed each decided or changed file with a type the compiler could not
     *     attribute, with the first such code
     * @param renamedCalls the files in which a call on a bus was renamed
     * @throws NullPointerException if a map, set, key, element or value is null
     */
    public Outcome {
      renamedCalls = Set.copyOf(renamedCalls);
      changed = Map.copyOf(changed);
      decisions = Map.copyOf(decisions);
      notParsed = Map.copyOf(notParsed);
      unattributed = Map.copyOf(unattributed);
    }
  }

  private TreeMigration() {}

  /**
   * Parses {@code sources} together and runs the step's recipes on them.
   *
   * @param root the directory the paths are reported relative to
   * @param sources the text of each {@code .java} file under {@code root} (as read once by the
   *     caller, who writes the results back; nothing is read here): all of the tree's files, so
   *     that the types each declares are known to the others
   * @param classpath jars and class directories the sources compile against (Guava's bus, the
   *     compat shim, the native API); a type missing from it is unknown to the recipes, which then
   *     leave the code that depends on it where it is
   * @param step the step
   * @return what changed and why the other files did not move
   * @throws IllegalStateException if a recipe failed on a file
   */
  public static Outcome run(Path root, Map<Path, String> sources, List<Path> classpath, Step step) {
    List<Throwable> errors = new ArrayList<>();
    ExecutionContext ctx = new InMemoryExecutionContext(errors::add);
    List<SourceFile> parsed =
        JavaParser.fromJavaVersion()
            .classpath(classpath)
            .logCompilationWarningsAndErrors(false)
            .build()
            .parseInputs(inputs(sources), root, ctx)
            .toList();
    // A file that does not parse is reported as such; the parser's complaint about it is not a
    // failure of the run.
    errors.clear();
    Map<String, String> notParsed = new TreeMap<>();
    for (SourceFile source : parsed) {
      if (source instanceof ParseError error) {
        notParsed.put(path(source), message(error));
      }
    }
    RecipeRun run = recipe(step).run(new InMemoryLargeSourceSet(parsed), ctx);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "the recipes failed on the tree: " + errors.get(0), errors.get(0));
    }
    Map<String, String> changed = new TreeMap<>();
    for (Result result : run.getChangeset().getAllResults()) {
      SourceFile after = result.getAfter();
      if (after != null) {
        changed.put(path(after), after.printAll());
      }
    }
    Map<String, Decision> decisions = new TreeMap<>();
    List<MigrationDecisions.Row> rows = run.getDataTableRows(MigrationDecisions.class);
    for (MigrationDecisions.Row row : rows) {
      String file = row.getSourcePath().replace('\\', '/');
      Decision decision = new Decision(row.getDecision(), row.getReason());
      // A file both steps of the native run weigh (Guava and vm code) keeps the first reason.
      decisions.putIfAbsent(file, decision);
    }
    Map<String, String> unattributed = new LinkedHashMap<>();
    for (SourceFile source : parsed) {
      String file = path(source);
      if (source instanceof J.CompilationUnit unit
          && (changed.containsKey(file) || decisions.containsKey(file))) {
        List<FindMissingTypes.MissingTypeResult> missing =
            FindMissingTypes.findMissingTypes(unit, false);
        if (!missing.isEmpty()) {
          unattributed.put(file, missing.get(0).getPrintedTree().strip());
        }
      }
    }
    Set<String> renamed = new TreeSet<>();
    Set<String> noted = ctx.getMessage(BusMigration.RENAMED_CALLS);
    if (noted != null) {
      noted.forEach(file -> renamed.add(file.replace('\\', '/')));
    }
    return new Outcome(changed, decisions, notParsed, new TreeMap<>(unattributed), renamed);
  }

  private static List<Parser.Input> inputs(Map<Path, String> sources) {
    List<Parser.Input> inputs = new ArrayList<>();
    for (Map.Entry<Path, String> e : sources.entrySet()) {
      byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
      inputs.add(new Parser.Input(e.getKey(), () -> new ByteArrayInputStream(bytes)));
    }
    return inputs;
  }

  private static Recipe recipe(Step step) {
    return step == Step.COMPAT
        ? new GuavaToCompat()
        : new CompositeRecipe(List.of(new GuavaToNative(), new VmToNative()));
  }

  private static String path(SourceFile source) {
    return source.getSourcePath().toString().replace('\\', '/');
  }

  private static String message(ParseError error) {
    String text = error.toException().getMessage();
    return text == null ? "cannot parse it" : text;
  }
}
