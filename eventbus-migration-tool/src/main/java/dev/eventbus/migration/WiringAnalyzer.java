package dev.eventbus.migration;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithExtends;
import com.github.javaparser.ast.nodeTypes.NodeWithImplements;
import com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link Wiring} of one parsed file: its subscriber classes, its {@code register(...)}
 * calls with what their receivers and arguments are, and its types' supertypes.
 */
final class WiringAnalyzer {

  private static final String REGISTER = "register";
  private static final String UNIFIED = FilePlanner.UNIFIED_EVENT_BUS;

  /** The packages of this library's and Guava's bus types. */
  private static final List<String> OWN_PACKAGES =
      List.of(LegacyApi.GUAVA.packageName(), LegacyApi.COMPAT_GUAVA_PACKAGE, "dev.eventbus.api");

  /** Methods a UnifiedEventBus has as a legacy bus had them, and Object's. */
  private static final Set<String> SAFE_ON_UNIFIED =
      Set.of("register", "publish", "toString", "hashCode", "equals", "getClass");

  private final String file;
  private final CompilationUnit unit;
  private final FileAnalyzer analyzer;

  private WiringAnalyzer(String file, CompilationUnit unit, FileAnalyzer analyzer) {
    this.file = file;
    this.unit = unit;
    this.analyzer = analyzer;
  }

  /**
   * The wiring of one file.
   *
   * @param file the path reported, relative to the root
   * @param unit the parsed file
   * @param analyzer the file's analyzer (it resolves names and receivers)
   * @param uses the legacy uses the analyzer found
   */
  static Wiring of(String file, CompilationUnit unit, FileAnalyzer analyzer, List<LegacyUse> uses) {
    WiringAnalyzer wiring = new WiringAnalyzer(file, unit, analyzer);
    return new Wiring(
        wiring.subscribers(uses),
        wiring.registrations(),
        wiring.supertypes(),
        exposedBuses(uses),
        wiring.foreignCalls());
  }

  private List<Wiring.Subscriber> subscribers(List<LegacyUse> uses) {
    Map<String, Wiring.Subscriber> found = new LinkedHashMap<>();
    for (LegacyUse use : uses) {
      if (use.node() instanceof AnnotationExpr && use.isGuava("Subscribe")) {
        Node owner = enclosingClass(use.node());
        if (owner != null) {
          String name = className(owner);
          found.putIfAbsent(name, new Wiring.Subscriber(name, line(owner), column(owner)));
        }
      }
    }
    return List.copyOf(found.values());
  }

  private List<Wiring.Registration> registrations() {
    List<Wiring.Registration> found = new ArrayList<>();
    for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
      if (!call.getNameAsString().equals(REGISTER) || call.getArguments().size() != 1) {
        continue;
      }
      Expression argument = call.getArgument(0);
      Argument registered = argument(argument);
      Wiring.Receiver kind;
      String receiver;
      String receiverType = null;
      if (call.getScope().isEmpty()) {
        kind = Wiring.Receiver.OTHER;
        receiver = "register(...) without a receiver, whose type this tool does not see";
      } else {
        Expression scope = call.getScope().get();
        Optional<String> legacy = analyzer.legacyReceiverType(scope);
        if (legacy.isPresent()) {
          boolean bus = legacy.get().endsWith(".EventBus");
          kind = bus ? Wiring.Receiver.REWRITTEN : Wiring.Receiver.OTHER;
          receiver =
              "`"
                  + scope
                  + "`, a "
                  + legacy.get()
                  + (bus ? "" : ", which stays on the compat step");
        } else if (isUnified(scope)) {
          kind = Wiring.Receiver.NATIVE;
          receiver = "`" + scope + "`, a UnifiedEventBus";
        } else {
          kind = Wiring.Receiver.OTHER;
          receiver = "`" + scope + "`" + unknownReceiver(scope);
          receiverType = foreignType(scope);
        }
      }
      found.add(
          new Wiring.Registration(
              file,
              line(call),
              column(call),
              receiver,
              kind,
              registered == null ? null : registered.type(),
              registered != null && registered.exact(),
              receiverType));
    }
    return found;
  }

  private Map<String, Set<String>> supertypes() {
    Map<String, Set<String>> found = new LinkedHashMap<>();
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      Set<String> supers = found.computeIfAbsent(type.getNameAsString(), k -> new TreeSet<>());
      if (type instanceof NodeWithExtends<?> extending) {
        extending.getExtendedTypes().forEach(t -> supers.add(t.getNameAsString()));
      }
      if (type instanceof NodeWithImplements<?> implementing) {
        implementing.getImplementedTypes().forEach(t -> supers.add(t.getNameAsString()));
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- members seen elsewhere

  /** The non-private fields and methods declared with a bus type that the native step renames. */
  private static Set<String> exposedBuses(List<LegacyUse> uses) {
    Set<String> found = new TreeSet<>();
    for (LegacyUse use : uses) {
      if (!(use.node() instanceof ClassOrInterfaceType type)
          || !(use.isGuava("EventBus") || use.isVm("DomainEventBus"))) {
        continue;
      }
      Node parent = type.getParentNode().orElse(null);
      if (parent instanceof VariableDeclarator variable
          && variable.getParentNode().orElse(null) instanceof FieldDeclaration field
          && !field.isPrivate()) {
        found.add("field " + variable.getNameAsString());
      } else if (parent instanceof MethodDeclaration method
          && method.getType() == type
          && !method.isPrivate()) {
        found.add("method " + method.getNameAsString());
      }
    }
    return found;
  }

  /** Calls on fields and methods this file does not declare, but {@code register} and Object's. */
  private List<Wiring.ForeignCall> foreignCalls() {
    List<Wiring.ForeignCall> found = new ArrayList<>();
    for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
      if (SAFE_ON_UNIFIED.contains(call.getNameAsString()) || call.getScope().isEmpty()) {
        continue;
      }
      String member = undeclaredMember(call.getScope().get());
      if (member != null) {
        found.add(new Wiring.ForeignCall(file, line(call), column(call), member, call.toString()));
      }
    }
    for (MethodReferenceExpr reference : unit.findAll(MethodReferenceExpr.class)) {
      if (reference.getScope() instanceof TypeExpr typeExpr
          && typeExpr.getType() instanceof ClassOrInterfaceType type
          && type.getScope().isEmpty()
          && !SAFE_ON_UNIFIED.contains(reference.getIdentifier())) {
        String name = type.getNameAsString();
        if (Character.isLowerCase(name.charAt(0))
            && analyzer.declaration(name, reference).isEmpty()) {
          found.add(
              new Wiring.ForeignCall(
                  file, line(reference), column(reference), "field " + name, reference.toString()));
        }
      }
    }
    return found;
  }

  /** {@code field NAME} or {@code method NAME} if the receiver is a member not declared here. */
  private @Nullable String undeclaredMember(Expression scope) {
    if (scope instanceof NameExpr name) {
      String identifier = name.getNameAsString();
      return Character.isLowerCase(identifier.charAt(0))
              && analyzer.declaration(identifier, name).isEmpty()
          ? "field " + identifier
          : null;
    }
    if (scope instanceof FieldAccessExpr access) {
      // this.bus, super.bus, other.bus, Holder.BUS: unless this file declares it for this
      boolean own =
          access.getScope() instanceof ThisExpr
              && analyzer.fieldDeclaration(access.getNameAsString(), access).isPresent();
      return own || analyzer.legacyReceiverType(access).isPresent()
          ? null
          : "field " + access.getNameAsString();
    }
    if (scope instanceof MethodCallExpr call) {
      // bus(), super.bus(), Module.provideBus(), other.getEventBus(): unless declared here
      boolean own =
          !(call.getScope().orElse(null) instanceof SuperExpr)
              && analyzer.localMethod(call).isPresent();
      return own || analyzer.legacyReceiverType(call).isPresent()
          ? null
          : "method " + call.getNameAsString();
    }
    return null;
  }

  // ---------------------------------------------------------------- receivers

  private boolean isUnified(Expression scope) {
    return declarationOf(scope)
        .map(FileAnalyzer.Declared::type)
        .filter(t -> t instanceof ClassOrInterfaceType)
        .map(t -> ((ClassOrInterfaceType) t).getNameWithScope())
        .filter(
            name -> name.equals(UNIFIED) || (name.equals(simpleName(UNIFIED)) && imports(UNIFIED)))
        .isPresent();
  }

  private boolean imports(String qualified) {
    String pkg = qualified.substring(0, qualified.lastIndexOf('.'));
    for (ImportDeclaration declaration : unit.getImports()) {
      if (!declaration.isStatic()
          && (declaration.isAsterisk()
              ? declaration.getNameAsString().equals(pkg)
              : declaration.getNameAsString().equals(qualified))) {
        return true;
      }
    }
    return false;
  }

  /** Why a receiver that is neither a legacy bus nor a UnifiedEventBus cannot be proved native. */
  private String unknownReceiver(Expression scope) {
    if (scope instanceof MethodCallExpr) {
      return ": a method's result, whose type this tool does not see";
    }
    Optional<FileAnalyzer.Declared> declared = declarationOf(scope);
    if (declared.isPresent()) {
      return ", of type "
          + declared.get().type()
          + ", which is not a bus this step makes native (a library's bus type?)";
    }
    if (scope instanceof NameExpr || scope instanceof FieldAccessExpr) {
      return ": declared outside this file (an inherited field?), of a type this tool does not see";
    }
    return ", of a type this tool does not see";
  }

  /**
   * The simple name of a receiver's declared type, unless it is (or may be, through an import) a
   * bus of this library or Guava's.
   */
  private @Nullable String foreignType(Expression scope) {
    Optional<FileAnalyzer.Declared> declared = declarationOf(scope);
    if (declared.isEmpty()
        || !(declared.get().type() instanceof ClassOrInterfaceType type)
        || type.getScope().isPresent()) {
      return null;
    }
    String name = type.getNameAsString();
    for (ImportDeclaration declaration : unit.getImports()) {
      String imported = declaration.getNameAsString();
      boolean busPackage =
          OWN_PACKAGES.stream().anyMatch(p -> imported.equals(p) || imported.startsWith(p + "."));
      if (busPackage && (declaration.isAsterisk() || imported.endsWith("." + name))) {
        return null;
      }
    }
    return name;
  }

  private Optional<FileAnalyzer.Declared> declarationOf(Expression expression) {
    if (expression instanceof NameExpr name) {
      return analyzer.declaration(name.getNameAsString(), name);
    }
    if (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
      return analyzer.fieldDeclaration(access.getNameAsString(), access);
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- arguments

  private record Argument(String type, boolean exact) {}

  /** The type of a registered object, if this file shows it. */
  private @Nullable Argument argument(Expression argument) {
    if (argument instanceof EnclosedExpr enclosed) {
      return argument(enclosed.getInner());
    }
    if (argument instanceof CastExpr cast) {
      return declared(cast.getType(), cast);
    }
    if (argument instanceof ObjectCreationExpr creation) {
      if (creation.getAnonymousClassBody().isPresent()) {
        return new Argument(className(creation), true);
      }
      return new Argument(creation.getType().getNameAsString(), true);
    }
    if (argument instanceof ThisExpr self) {
      if (self.getTypeName().isPresent()) {
        return new Argument(self.getTypeName().get().getIdentifier(), false);
      }
      Node owner = enclosingClass(self);
      if (owner == null) {
        return null;
      }
      return new Argument(className(owner), owner instanceof ObjectCreationExpr);
    }
    Optional<FileAnalyzer.Declared> declared = declarationOf(argument);
    if (declared.isEmpty()) {
      return null; // a method's result, an inherited field, …
    }
    Type type = declared.get().type();
    if (FileAnalyzer.isVar(type)) {
      Expression initializer = declared.get().initializer();
      return initializer == null ? null : argument(initializer);
    }
    return declared(type, argument);
  }

  /** A declared type: the object may be of any subtype; unknown for Object or a type variable. */
  private static @Nullable Argument declared(Type type, Node at) {
    if (!(type instanceof ClassOrInterfaceType classType)) {
      return null;
    }
    String name = classType.getNameAsString();
    if (name.equals("Object") || isTypeVariable(name, at)) {
      return null;
    }
    return new Argument(name, false);
  }

  private static boolean isTypeVariable(String name, Node at) {
    Optional<Node> current = Optional.of(at);
    while (current.isPresent()) {
      if (current.get() instanceof NodeWithTypeParameters<?> generic
          && generic.getTypeParameters().stream().anyMatch(p -> p.getNameAsString().equals(name))) {
        return true;
      }
      current = current.get().getParentNode();
    }
    return false;
  }

  // ---------------------------------------------------------------- helpers

  /** The innermost named or anonymous class around {@code node}, or {@code null}. */
  private static @Nullable Node enclosingClass(Node node) {
    Optional<Node> current = node.getParentNode();
    while (current.isPresent()) {
      Node n = current.get();
      if (n instanceof TypeDeclaration<?>
          || (n instanceof ObjectCreationExpr creation
              && creation.getAnonymousClassBody().isPresent())) {
        return n;
      }
      current = n.getParentNode();
    }
    return null;
  }

  private String className(Node owner) {
    if (owner instanceof TypeDeclaration<?> type) {
      return type.getNameAsString();
    }
    return "the anonymous class at " + file + ":" + line(owner) + ":" + column(owner);
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  private static int line(Node node) {
    return node.getBegin().map(p -> p.line).orElse(0);
  }

  private static int column(Node node) {
    return node.getBegin().map(p -> p.column).orElse(0);
  }
}
