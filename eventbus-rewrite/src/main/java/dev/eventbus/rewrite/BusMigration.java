package dev.eventbus.rewrite;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.AnnotationMatcher;
import org.openrewrite.java.ChangePackage;
import org.openrewrite.java.ChangeType;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaParser;
import org.openrewrite.java.JavaTemplate;
import org.openrewrite.java.JavaVisitor;
import org.openrewrite.java.RemoveAnnotationVisitor;
import org.openrewrite.java.style.Autodetect;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.TypeUtils;
import org.openrewrite.marker.Marker;
import org.openrewrite.style.NamedStyles;

/** The edit phase shared by the recipes: what each file gets, from an {@link Analysis}. */
final class BusMigration {

  /** The step a recipe takes. */
  enum Step {
    /** Guava's package becomes the compat shim's; nothing else changes. */
    COMPAT,
    /** The mechanical native rewrites, where the analysis proves them safe. */
    NATIVE
  }

  /** Stubs the template is attributed against, so a user needs no native jar to run a recipe. */
  private static final String[] STUBS = {
    "package dev.eventbus.api; public interface UnifiedEventBus {}",
    "package dev.eventbus.processors; public final class EventBusFactory {"
        + " public static dev.eventbus.api.UnifiedEventBus createDefault() { return null; } }"
  };

  private static final String REPORTED = "dev.eventbus.rewrite.reported";

  /** The message of the context that holds the files in which a bus call was renamed. */
  static final String RENAMED_CALLS = "dev.eventbus.rewrite.renamedCalls";

  private BusMigration() {}

  /** The visitor of the edit phase. */
  static TreeVisitor<?, ExecutionContext> editor(
      Analysis analysis, Step step, MigrationDecisions decisions) {
    Dialect dialect = analysis.dialect();
    return new JavaVisitor<>() {
      private String file = "";
      private Analysis.@Nullable Fate fate;

      @Override
      public J visitCompilationUnit(J.CompilationUnit cu, ExecutionContext ctx) {
        file = cu.getSourcePath().toString();
        fate = analysis.fates().get(file);
        if (fate != null && fate != Analysis.Fate.NATIVE) {
          String key = step + " " + dialect.packages() + " " + file;
          report(ctx, decisions, key, file, fate, analysis.reason(file));
        }
        if (fate == Analysis.Fate.UNCHANGED) {
          return cu;
        }
        boolean guava = dialect.packages().contains(MigrationRules.GUAVA_PACKAGE);
        if (step == Step.COMPAT) {
          if (fate != null && guava) {
            doAfterVisit(guavaToCompat());
          }
          return cu;
        }
        J.CompilationUnit unit = (J.CompilationUnit) super.visitCompilationUnit(cu, ctx);
        if (fate == Analysis.Fate.NATIVE) {
          // New imports go where this file's own import order puts them: its layout is read
          // from the file and handed to the import steps, then taken off again.
          Autodetect.Detector detector = Autodetect.detector();
          detector.sample(cu);
          NamedStyles layout =
              new NamedStyles(
                  Tree.randomId(),
                  "dev.eventbus.rewrite.ImportLayout",
                  "The file's import layout",
                  null,
                  Set.of(),
                  List.of(detector.getImportLayoutStyle()));
          unit = unit.withMarkers(unit.getMarkers().add(layout));
          for (String pkg : dialect.packages()) {
            for (String removed : dialect.removedAnnotations()) {
              doAfterVisit(
                  new RemoveAnnotationVisitor(new AnnotationMatcher("@" + pkg + "." + removed)));
            }
            for (Map.Entry<String, String> e : dialect.nativeTypes().entrySet()) {
              doAfterVisit(new ChangeType(pkg + "." + e.getKey(), e.getValue(), null).getVisitor());
            }
          }
          doAfterVisit(withoutMarker(layout, cu));
        } else if (fate == Analysis.Fate.COMPAT && guava) {
          doAfterVisit(guavaToCompat());
        }
        return unit;
      }

      @Override
      public J visitNewClass(J.NewClass newClass, ExecutionContext ctx) {
        J visited = super.visitNewClass(newClass, ctx);
        if (fate != Analysis.Fate.NATIVE
            || !(visited instanceof J.NewClass created)
            || !analysis.isBusType(created.getType())
            || created.getBody() != null) {
          return visited;
        }
        List<Expression> args = created.getArguments();
        boolean plain =
            args.isEmpty()
                || args.get(0) instanceof J.Empty
                || (args.size() == 1 && TypeUtils.isString(args.get(0).getType()));
        if (!plain) {
          return visited;
        }
        maybeAddImport(MigrationRules.EVENT_BUS_FACTORY);
        J factoryCall =
            JavaTemplate.builder(
                    Dialect.simpleName(MigrationRules.EVENT_BUS_FACTORY)
                        + "."
                        + MigrationRules.FACTORY_METHOD
                        + "()")
                .imports(MigrationRules.EVENT_BUS_FACTORY)
                .javaParser(JavaParser.fromJavaVersion().dependsOn(STUBS))
                .build()
                .apply(updateCursor(created), created.getCoordinates().replace());
        // The template formats what it puts in; the call keeps the whitespace before the
        // construction it replaces (a continuation line keeps its indent).
        return factoryCall.withPrefix(created.getPrefix());
      }

      @Override
      public J visitMethodInvocation(J.MethodInvocation method, ExecutionContext ctx) {
        J visited = super.visitMethodInvocation(method, ctx);
        JavaType.Method type = method.getMethodType();
        String to = dialect.renamedMethods().get(method.getSimpleName());
        if (!(visited instanceof J.MethodInvocation call)
            || type == null
            || to == null
            || !analysis.isBusMethod(type)
            || method.getSelect() == null
            || !analysis.isBusType(method.getSelect().getType())
            || analysis.declarationsStay(analysis.origin(method.getSelect(), file))) {
          return visited;
        }
        JavaType.Method method2 = renamed(type, to);
        renamedIn(ctx, file);
        return call.withName(call.getName().withSimpleName(to).withType(method2))
            .withMethodType(method2);
      }

      @Override
      public J visitMemberReference(J.MemberReference reference, ExecutionContext ctx) {
        J visited = super.visitMemberReference(reference, ctx);
        JavaType.Method type = reference.getMethodType();
        String to = dialect.renamedMethods().get(reference.getReference().getSimpleName());
        if (!(visited instanceof J.MemberReference ref)
            || type == null
            || to == null
            || !analysis.isBusMethod(type)
            || !analysis.isBusType(reference.getContaining().getType())
            || analysis.declarationsStay(analysis.origin(reference.getContaining(), file))) {
          return visited;
        }
        JavaType.Method method2 = renamed(type, to);
        renamedIn(ctx, file);
        return ref.withReference(ref.getReference().withSimpleName(to).withType(method2))
            .withMethodType(method2);
      }
    };
  }

  /** Notes a renamed call: in a file that stays on compat, it is more than the package rename. */
  private static void renamedIn(ExecutionContext ctx, String file) {
    ctx.computeMessageIfAbsent(RENAMED_CALLS, k -> new HashSet<String>()).add(file);
  }

  private static JavaType.Method renamed(JavaType.Method type, String name) {
    return type.withName(name)
        .withDeclaringType(JavaType.ShallowClass.build(MigrationRules.UNIFIED_EVENT_BUS));
  }

  private static TreeVisitor<?, ExecutionContext> guavaToCompat() {
    return new ChangePackage(
            MigrationRules.GUAVA_PACKAGE, MigrationRules.COMPAT_GUAVA_PACKAGE, false)
        .getVisitor();
  }

  /**
   * Takes the import layout off again and puts each import the step added where the file's own
   * order puts it (the migration tool's rule); a file whose text did not change is given back as it
   * was, so that adding and removing the marker is not taken for a change.
   */
  private static TreeVisitor<?, ExecutionContext> withoutMarker(
      Marker marker, J.CompilationUnit original) {
    return new JavaIsoVisitor<>() {
      @Override
      public J.CompilationUnit visitCompilationUnit(J.CompilationUnit cu, ExecutionContext ctx) {
        J.CompilationUnit without =
            cu.withMarkers(
                cu.getMarkers()
                    .withMarkers(
                        cu.getMarkers().getMarkers().stream()
                            .filter(m -> !m.getId().equals(marker.getId()))
                            .toList()));
        without = ImportOrder.placeAdded(original, without);
        return without.printAll().equals(original.printAll()) ? original : without;
      }
    };
  }

  private static void report(
      ExecutionContext ctx,
      MigrationDecisions decisions,
      String key,
      String file,
      Analysis.Fate fate,
      @Nullable String reason) {
    Set<String> reported = ctx.computeMessageIfAbsent(REPORTED, k -> new HashSet<>());
    if (reported.add(key)) {
      decisions.insertRow(
          ctx, new MigrationDecisions.Row(file, fate.name(), reason == null ? "" : reason));
    }
  }
}
