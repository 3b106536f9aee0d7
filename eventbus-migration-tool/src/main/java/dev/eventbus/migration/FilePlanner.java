package dev.eventbus.migration;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.eventbus.rewrite.MigrationRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Plans one parsed file for {@code migrate}: the edits of the compat rename (each replaces the
 * exact span of a syntax node, so everything else in the file stays byte for byte as it was), and,
 * for both steps, the uses a person has to take over, each at its position. The native step's text
 * is the recipes' (eventbus-rewrite), which decide on the compiler's types.
 */
final class FilePlanner {

  private static final String GUAVA_PACKAGE = MigrationRules.GUAVA_PACKAGE;
  private static final String TIMESTAMP_METHOD = MigrationRules.VM_TIMESTAMP_METHOD;

  private final String file;
  private final FileAnalyzer analyzer;
  private final SourceText text;
  private final CompilationUnit unit;
  private final List<LegacyUse> uses;

  private final List<TextEdit> compatEdits = new ArrayList<>();
  private final List<ManualStep> compatProblems = new ArrayList<>();
  private final List<ManualStep> blockers = new ArrayList<>();
  private final List<ManualStep> leftovers = new ArrayList<>();
  private final List<ImportLayout.Rename> compatImports = new ArrayList<>();

  private FilePlanner(
      String file,
      String source,
      CompilationUnit unit,
      FileAnalyzer analyzer,
      List<LegacyUse> uses) {
    this.file = file;
    this.analyzer = analyzer;
    this.text = new SourceText(source);
    this.unit = unit;
    this.uses = uses;
  }

  /**
   * Plans one file.
   *
   * @param file the path reported, relative to the root
   * @param source the file's text, exactly as read
   * @param unit the parsed file, positions included
   * @param includeNative whether to plan the native step too (it reads the compat shim's package as
   *     Guava's)
   */
  static FilePlan plan(String file, String source, CompilationUnit unit, boolean includeNative) {
    FileAnalyzer analyzer = new FileAnalyzer(file, unit, includeNative);
    List<LegacyUse> uses = analyzer.uses();
    FilePlanner planner = new FilePlanner(file, source, unit, analyzer, uses);
    ManualStep escaped =
        escapedName(
            file, source, unit, includeNative ? Migrator.LEGACY_PACKAGES : List.of(GUAVA_PACKAGE));
    if (escaped != null) {
      // The parser reads a unicode escape in a name literally, javac translates it: what the file
      // uses is not known for sure, so nothing in it is rewritten and, for native, it blocks.
      (includeNative ? planner.blockers : planner.compatProblems).add(escaped);
      return planner.finish(true, true);
    }
    List<LegacyUse> reflective =
        uses.stream()
            .filter(
                u -> u.node() instanceof StringLiteralExpr || u.node() instanceof MethodCallExpr)
            .toList();
    if (!reflective.isEmpty()) {
      // Reflection into Guava's internals compiles after either step and fails at run time (a
      // LinkageError, a missing class): the whole file is left as it is, for a person.
      for (LegacyUse use : reflective) {
        (includeNative ? planner.blockers : planner.compatProblems)
            .add(planner.step(use, MigrationRules.reflectionReason(use.symbol())));
      }
      return planner.finish(true, true);
    }
    for (LegacyUse use : uses) {
      planner.compat(use);
    }
    planner.compatImports();
    if (includeNative) {
      for (LegacyUse use : uses) {
        planner.nativeStep(use);
      }
    }
    return planner.finish(!uses.isEmpty(), false);
  }

  private FilePlan finish(boolean hasUses, boolean leftAlone) {
    return new FilePlan(
        file,
        text.text(),
        hasUses,
        leftAlone,
        List.copyOf(compatEdits),
        List.copyOf(compatProblems),
        List.copyOf(blockers),
        List.copyOf(leftovers));
  }

  /**
   * A manual step for the first name written with a unicode escape, when the file, read as javac
   * reads it (escapes translated), mentions one of {@code packages}; {@code null} otherwise.
   */
  private static @Nullable ManualStep escapedName(
      String file, String source, CompilationUnit unit, List<String> packages) {
    if (source.indexOf('\\') < 0
        || !SourceFiles.mentionsAny(SourceText.translateUnicodeEscapes(source), packages)) {
      return null;
    }
    for (JavaToken token :
        unit.getTokenRange().map(r -> (Iterable<JavaToken>) r).orElse(List.of())) {
      if (token.getCategory().isIdentifier() && token.getText().indexOf('\\') >= 0) {
        int line = token.getRange().map(r -> r.begin.line).orElse(0);
        int column = token.getRange().map(r -> r.begin.column).orElse(0);
        return new ManualStep(
            file,
            line,
            column,
            token.getText(),
            "a name written with a unicode escape, which javac translates and this tool does not:"
                + " nothing in the file was changed; write the name without the escape and run"
                + " again, or migrate the file by hand");
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- compat step

  private void compat(LegacyUse use) {
    if (use.api() != LegacyApi.GUAVA || !use.packageName().equals(GUAVA_PACKAGE)) {
      return; // vm.core.event stays: eventbus-compat provides it; the shim is there already
    }
    Node node = use.node();
    Node qualified = null;
    if (node instanceof ImportDeclaration declaration) {
      qualified = declaration.getName();
    } else if (node instanceof ClassOrInterfaceType type && type.getScope().isPresent()) {
      qualified = type;
    } else if (node instanceof AnnotationExpr annotation
        && annotation.getName().getQualifier().isPresent()) {
      qualified = annotation.getName();
    } else if (node instanceof ObjectCreationExpr creation
        && creation.getType().getScope().isPresent()) {
      qualified = creation.getType();
    } else if (node instanceof Expression expression && expression.isFieldAccessExpr()) {
      qualified = node;
    }
    if (qualified == null) {
      return; // a simple name or a call: the import decides what it means
    }
    int start = text.start(qualified);
    if (text.textOf(qualified).startsWith(GUAVA_PACKAGE)) {
      TextEdit edit =
          new TextEdit(start, start + GUAVA_PACKAGE.length(), MigrationRules.COMPAT_GUAVA_PACKAGE);
      if (node instanceof ImportDeclaration declaration) {
        String name = declaration.getNameAsString();
        compatImports.add(
            new ImportLayout.Rename(
                declaration,
                MigrationRules.compatName(name) + (declaration.isAsterisk() ? ".*" : ""),
                edit));
      } else {
        compatEdits.add(edit);
      }
    } else {
      compatProblems.add(
          step(
              use,
              "the qualified name has comments or line breaks inside; change "
                  + GUAVA_PACKAGE
                  + " to "
                  + LegacyApi.COMPAT_GUAVA_PACKAGE
                  + " by hand"));
    }
  }

  /** Renames the Guava imports, each moved to where the file's import order puts it. */
  private void compatImports() {
    if (!compatImports.isEmpty()) {
      compatEdits.addAll(
          new ImportLayout(text, unit.getImports()).edits(compatImports, List.of(), List.of()));
    }
  }

  // ---------------------------------------------------------------- native step

  private void nativeStep(LegacyUse use) {
    Node node = use.node();
    if (node instanceof ImportDeclaration declaration) {
      nativeImport(use, declaration);
    } else if (node instanceof ClassOrInterfaceType type) {
      nativeType(use, type);
    } else if (node instanceof AnnotationExpr annotation) {
      nativeAnnotation(use, annotation);
    } else if (node instanceof ObjectCreationExpr creation) {
      nativeConstruction(use, creation);
    } else if (node instanceof SimpleName || node instanceof MethodReferenceExpr) {
      nativeMember(use, node);
    } else {
      block(use, "a static member of a legacy type, written with its qualified name");
    }
  }

  private void nativeImport(LegacyUse use, ImportDeclaration declaration) {
    if (declaration.isStatic()) {
      block(use, "a static import of a legacy member; inject a UnifiedEventBus instead");
    } else if (declaration.isAsterisk()) {
      if (use.api() == LegacyApi.VM_LEGACY && usesVmException()) {
        leftovers.add(
            step(
                use, "kept for VmException, which the unified API does not throw; remove by hand"));
      }
    } else if (isRewritable(use)) {
      return; // the recipes remove it
    } else if (use.isVm("VmException")) {
      leftovers.add(step(use, vmExceptionAdvice()));
    } else {
      block(use, reasonFor(use));
    }
  }

  private void nativeType(LegacyUse use, ClassOrInterfaceType type) {
    boolean supertype = type.getParentNode().orElse(null) instanceof TypeDeclaration<?>;
    if (use.isVm("VmException")) {
      if (inCatchClause(type)) {
        block(
            use,
            "catch (VmException): the unified publish does not throw it; read the PublishResult"
                + " (orThrow()) or use an EventExceptionHandler");
      } else {
        leftovers.add(step(use, vmExceptionAdvice()));
      }
    } else if (use.isVm("DomainEvent")) {
      if (mentionsTimestamp()) {
        block(
            use, "overrides or calls timestampMillis(), which dev.eventbus.api.DomainEvent lacks");
      }
    } else if (supertype || !(use.isGuava("EventBus") || use.isVm("DomainEventBus"))) {
      block(
          use,
          supertype
              ? "extends or implements " + use.type() + "; " + reasonFor(use)
              : reasonFor(use));
    }
  }

  private void nativeAnnotation(LegacyUse use, AnnotationExpr annotation) {
    if (!use.isGuava("Subscribe") && !use.isGuava("AllowConcurrentEvents")) {
      block(use, reasonFor(use));
    }
  }

  private void nativeConstruction(LegacyUse use, ObjectCreationExpr creation) {
    boolean plain =
        creation.getAnonymousClassBody().isEmpty()
            && creation.getScope().isEmpty()
            && creation.getTypeArguments().isEmpty();
    BusArgument argument =
        creation.getArguments().isEmpty()
            ? BusArgument.NONE
            : creation.getArguments().size() == 1
                ? busArgument(creation.getArguments().get(0))
                : BusArgument.UNKNOWN;
    boolean guavaBus =
        use.isGuava("EventBus")
            && (argument == BusArgument.NONE || argument == BusArgument.IDENTIFIER);
    boolean vmBus = use.isVm("DomainEventBus") && creation.getArguments().isEmpty();
    if (plain && (guavaBus || vmBus)) {
      return; // the recipes make it EventBusFactory.createDefault()
    } else if (creation.getAnonymousClassBody().isPresent()) {
      block(use, "an anonymous subclass of " + use.type() + "; " + reasonFor(use));
    } else if (use.isGuava("EventBus") && argument == BusArgument.HANDLER) {
      block(use, MigrationRules.HANDLER_CONSTRUCTOR_REASON);
    } else if (use.isGuava("EventBus") && argument == BusArgument.UNIFIED) {
      block(
          use,
          "new EventBus(...) over a UnifiedEventBus: use that bus directly, and publish instead of"
              + " post");
    } else if (use.isGuava("EventBus") && creation.getArguments().size() == 1) {
      block(
          use,
          "new EventBus("
              + creation.getArgument(0)
              + "): whether the argument is the bus's name (a String, which the native bus does not"
              + " need) or a SubscriberExceptionHandler is not known from this file; if it is a"
              + " name, write EventBusFactory.createDefault() by hand; if a handler, build the bus"
              + " with EventBusFactory and pass an EventExceptionHandler to its builder");
    } else {
      block(use, reasonFor(use));
    }
  }

  private void nativeMember(LegacyUse use, Node node) {
    String member = use.member();
    if (member.equals("getInstance")) {
      block(use, "the process-wide singleton; pass a UnifiedEventBus in through the constructor");
    } else if ((use.isGuava("EventBus")
            && (MigrationRules.GUAVA_RENAMED_METHODS.containsKey(member)
                || MigrationRules.GUAVA_SAME_METHODS.contains(member)))
        || (use.isVm("DomainEventBus") && member.equals("publish"))) {
      return; // the same call on UnifiedEventBus, or one the recipes rename
    } else if (use.isGuava("EventBus") && member.equals("unregister")) {
      block(use, MigrationRules.guavaMethodReason(member));
    } else if (use.isVm("DomainEventBus")
        && (member.equals("subscribe") || member.equals("unsubscribe"))) {
      block(
          use,
          member
              + " takes the legacy EventHandler and id types; subscribe a dev.eventbus.api"
              + ".EventHandler and keep the Subscription");
    } else if (node instanceof MethodReferenceExpr || !member.isEmpty()) {
      block(use, use.type() + "#" + member + " has no direct equivalent on UnifiedEventBus");
    } else {
      block(use, reasonFor(use));
    }
  }

  /** What the one argument of {@code new EventBus(...)} is, by its type where the file shows it. */
  enum BusArgument {
    NONE,
    /** A String: the bus's name, which only Guava's logs use. */
    IDENTIFIER,
    /** A SubscriberExceptionHandler. */
    HANDLER,
    /** A UnifiedEventBus (the compat bus's constructor). */
    UNIFIED,
    UNKNOWN
  }

  /** Methods that return a String whatever they are called on, as bus names are made. */
  private static final Set<String> STRING_METHODS =
      Set.of(
          "getSimpleName",
          "getName",
          "getCanonicalName",
          "getTypeName",
          "toString",
          "name",
          "format",
          "formatted",
          "concat",
          "substring",
          "toLowerCase",
          "toUpperCase",
          "trim",
          "strip",
          "valueOf",
          "join",
          "repeat");

  /**
   * Classifies the argument of {@code new EventBus(x)}. Guava's constructors take a String (the
   * identifier) or a {@code SubscriberExceptionHandler}, so a lambda is a handler and text is a
   * name; a variable, parameter, field or method of this file tells by its declared type.
   */
  private BusArgument busArgument(Expression argument) {
    if (argument instanceof EnclosedExpr enclosed) {
      return busArgument(enclosed.getInner());
    }
    if (argument instanceof StringLiteralExpr
        || argument instanceof TextBlockLiteralExpr
        || (argument instanceof BinaryExpr binary
            && binary.getOperator() == BinaryExpr.Operator.PLUS
            && (busArgument(binary.getLeft()) == BusArgument.IDENTIFIER
                || busArgument(binary.getRight()) == BusArgument.IDENTIFIER))) {
      return BusArgument.IDENTIFIER;
    }
    if (argument instanceof LambdaExpr || argument instanceof MethodReferenceExpr) {
      return BusArgument.HANDLER;
    }
    if (argument instanceof CastExpr cast) {
      return byType(cast.getType());
    }
    if (argument instanceof ObjectCreationExpr creation) {
      return creation.getType().getNameAsString().equals("String")
          ? BusArgument.IDENTIFIER
          : BusArgument.HANDLER; // the constructors take nothing else
    }
    if (argument instanceof NameExpr name) {
      return analyzer
          .declaration(name.getNameAsString(), name)
          .map(d -> byType(d.type()))
          .orElse(BusArgument.UNKNOWN);
    }
    if (argument instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
      return analyzer
          .fieldDeclaration(access.getNameAsString(), access)
          .map(d -> byType(d.type()))
          .orElse(BusArgument.UNKNOWN);
    }
    if (argument instanceof MethodCallExpr call) {
      Optional<MethodDeclaration> local = analyzer.localMethod(call);
      if (local.isPresent()) {
        return byType(local.get().getType());
      }
      return STRING_METHODS.contains(call.getNameAsString())
          ? BusArgument.IDENTIFIER
          : BusArgument.UNKNOWN;
    }
    return BusArgument.UNKNOWN;
  }

  private BusArgument byType(Type type) {
    if (!(type instanceof ClassOrInterfaceType classType)) {
      return BusArgument.UNKNOWN;
    }
    String name = classType.getNameWithScope();
    if (name.equals("String") || name.equals("java.lang.String")) {
      return BusArgument.IDENTIFIER;
    }
    if (name.equals("UnifiedEventBus") || name.equals(MigrationRules.UNIFIED_EVENT_BUS)) {
      return BusArgument.UNIFIED;
    }
    for (LegacyUse use : uses) {
      if (use.node() == classType && use.isGuava("SubscriberExceptionHandler")) {
        return BusArgument.HANDLER;
      }
    }
    return BusArgument.UNKNOWN;
  }

  // ---------------------------------------------------------------- helpers

  private static boolean isRewritable(LegacyUse use) {
    return MigrationRules.rewritableType(use.api().packageName(), use.type());
  }

  private boolean usesVmException() {
    for (LegacyUse use : uses) {
      if (use.isVm("VmException") && !(use.node() instanceof ImportDeclaration)) {
        return true;
      }
    }
    return false;
  }

  private boolean mentionsTimestamp() {
    for (SimpleName name : unit.findAll(SimpleName.class)) {
      if (name.getIdentifier().equals(TIMESTAMP_METHOD)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inCatchClause(ClassOrInterfaceType type) {
    Node parent = type.getParentNode().orElse(null);
    if (parent instanceof UnionType union) {
      parent = union.getParentNode().orElse(null);
    }
    return parent instanceof Parameter parameter
        && parameter.getParentNode().orElse(null) instanceof CatchClause;
  }

  private static String vmExceptionAdvice() {
    return "VmException stays (eventbus-compat provides it): the unified publish does not throw"
        + " it; remove the throws clauses by hand once nothing else does";
  }

  private static String reasonFor(LegacyUse use) {
    return MigrationRules.reason(use.api().packageName(), use.type());
  }

  private void block(LegacyUse use, String reason) {
    blockers.add(step(use, reason));
  }

  private ManualStep step(LegacyUse use, String reason) {
    int line = use.node().getBegin().map(p -> p.line).orElse(0);
    int column = use.node().getBegin().map(p -> p.column).orElse(0);
    return new ManualStep(file, line, column, use.symbol(), reason);
  }
}
