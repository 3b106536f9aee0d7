package dev.eventbus.migration;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithExtends;
import com.github.javaparser.ast.nodeTypes.NodeWithImplements;
import com.github.javaparser.ast.nodeTypes.NodeWithParameters;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the legacy uses in one parsed file. Names are resolved the way javac would for the cases
 * that matter here: types declared in the file shadow imports, single-type imports beat on-demand
 * imports, and the file's own package counts. A type named like a legacy one but imported from
 * elsewhere, or declared locally, is not legacy.
 */
final class FileAnalyzer {

  private static final Set<String> BUS_METHODS =
      Set.of(
          "register", "unregister", "post", "publish", "publishAsync", "subscribe", "unsubscribe");
  private static final String GET_INSTANCE = "getInstance";
  private static final Set<String> DECLARED_MEMBERS =
      Set.of(
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getDeclaredField",
          "getDeclaredFields");
  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Z][A-Za-z0-9_]*(?:[.$][A-Za-z0-9_]+)*");

  private final String file;
  private final CompilationUnit unit;
  private final String packageName;
  private final Map<String, String> singleTypeImports = new HashMap<>();
  private final List<String> onDemandImports = new ArrayList<>();
  private final Map<String, String> staticMemberImports = new HashMap<>();
  private final List<String> staticOnDemandImports = new ArrayList<>();
  private final Set<String> localTypes = new HashSet<>();
  private final Set<String> localMethods = new HashSet<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<LegacyUse> uses = new ArrayList<>();
  private final boolean includeCompatShim;
  private boolean analyzed;

  /**
   * Creates an analyzer for a scan: only the legacy packages count.
   *
   * @param file the path reported in findings
   * @param unit the parsed file
   */
  FileAnalyzer(String file, CompilationUnit unit) {
    this(file, unit, false);
  }

  /**
   * Creates an analyzer.
   *
   * @param file the path reported in findings
   * @param unit the parsed file
   * @param includeCompatShim whether {@code dev.eventbus.compat.guava} counts as Guava, as it does
   *     for a migration to the native API
   */
  FileAnalyzer(String file, CompilationUnit unit, boolean includeCompatShim) {
    this.file = file;
    this.unit = unit;
    this.includeCompatShim = includeCompatShim;
    this.packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
  }

  /** Every resolved use of a legacy type or member, reported or not, in source order. */
  List<LegacyUse> uses() {
    analyze();
    return List.copyOf(uses);
  }

  List<Finding> analyze() {
    if (analyzed) {
      return List.copyOf(findings);
    }
    analyzed = true;
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      localTypes.add(type.getNameAsString());
    }
    for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
      localMethods.add(method.getNameAsString());
    }
    for (ImportDeclaration declaration : unit.getImports()) {
      importDeclaration(declaration);
    }
    unit.findAll(AnnotationExpr.class).forEach(this::annotation);
    unit.findAll(ObjectCreationExpr.class).forEach(this::construction);
    unit.findAll(TypeDeclaration.class).forEach(this::supertypes);
    unit.findAll(MethodCallExpr.class).forEach(this::methodCall);
    unit.findAll(MethodReferenceExpr.class).forEach(this::methodReference);
    unit.findAll(ClassOrInterfaceType.class).forEach(this::typeReference);
    unit.findAll(StringLiteralExpr.class).forEach(this::classNameString);
    uses.sort(LegacyUse.SOURCE_ORDER);
    return List.copyOf(findings);
  }

  private void importDeclaration(ImportDeclaration declaration) {
    String name = declaration.getNameAsString();
    String identifier = declaration.getName().getIdentifier();
    String qualifier = declaration.getName().getQualifier().map(Object::toString).orElse("");
    if (declaration.isStatic()) {
      if (declaration.isAsterisk()) {
        staticOnDemandImports.add(name);
      } else {
        staticMemberImports.put(identifier, qualifier);
      }
    } else if (declaration.isAsterisk()) {
      onDemandImports.add(name);
    } else {
      singleTypeImports.put(identifier, name);
    }
    String symbol = declaration.isAsterisk() ? name + ".*" : name;
    apiOf(name)
        .ifPresent(
            api ->
                report(
                    declaration,
                    declaration.isStatic() ? FindingKind.STATIC_IMPORT : FindingKind.IMPORT,
                    symbol));
  }

  private void annotation(AnnotationExpr annotation) {
    String written = annotation.getNameAsString();
    Optional<String> type =
        annotation.getName().getQualifier().isPresent()
            ? legacyQualified(written)
            : resolveSimple(written);
    type.ifPresent(t -> report(annotation, FindingKind.ANNOTATION, t));
  }

  private void construction(ObjectCreationExpr creation) {
    resolveType(creation.getType())
        .ifPresent(
            type ->
                report(
                    creation,
                    creation.getAnonymousClassBody().isPresent()
                        ? FindingKind.SUBCLASS
                        : FindingKind.CONSTRUCTION,
                    type));
  }

  private void supertypes(TypeDeclaration<?> declaration) {
    List<ClassOrInterfaceType> supertypes = new ArrayList<>();
    if (declaration instanceof NodeWithExtends<?> extending) {
      supertypes.addAll(extending.getExtendedTypes());
    }
    if (declaration instanceof NodeWithImplements<?> implementing) {
      supertypes.addAll(implementing.getImplementedTypes());
    }
    for (ClassOrInterfaceType supertype : supertypes) {
      resolveType(supertype).ifPresent(type -> report(supertype, FindingKind.SUBCLASS, type));
    }
  }

  /**
   * A string that is exactly the name of a class of Guava's event-bus package, handed to a method
   * ({@code Class.forName}, a class loader) or kept in a variable: reflection into its internals.
   * Text that merely mentions the package (a log line, a concatenation) is not.
   */
  private void classNameString(StringLiteralExpr literal) {
    String value = literal.getValue();
    String guava = LegacyApi.GUAVA.packageName();
    if (!value.startsWith(guava + ".")
        || !CLASS_NAME.matcher(value.substring(guava.length() + 1)).matches()) {
      return;
    }
    Node parent = literal.getParentNode().orElse(null);
    if (parent instanceof MethodCallExpr || parent instanceof VariableDeclarator) {
      report(literal, FindingKind.REFLECTION, value);
    }
  }

  private void methodCall(MethodCallExpr call) {
    String name = call.getNameAsString();
    if (DECLARED_MEMBERS.contains(name)
        && call.getScope().isPresent()
        && call.getScope().get() instanceof ClassExpr classExpr
        && classExpr.getType() instanceof ClassOrInterfaceType type) {
      Optional<String> legacy = resolveType(type);
      if (legacy.isPresent() && apiOf(legacy.get()).orElse(null) == LegacyApi.GUAVA) {
        report(call, FindingKind.REFLECTION, legacy.get());
        return;
      }
    }
    Optional<Expression> scope = call.getScope();
    Optional<String> staticOwner =
        scope.isPresent() ? typeNamedBy(scope.get()) : staticImportOwner(name);
    if (name.equals(GET_INSTANCE) && staticOwner.isPresent()) {
      report(call.getName(), FindingKind.SINGLETON_ACCESS, staticOwner.get() + "#" + name);
      return;
    }
    if (scope.isPresent() && scope.get() instanceof FieldAccessExpr && staticOwner.isPresent()) {
      report(scope.get(), FindingKind.FULLY_QUALIFIED_REFERENCE, staticOwner.get());
      return;
    }
    if (scope.isPresent()) {
      receiverType(scope.get()).ifPresent(type -> busMember(call.getName(), type, name));
    }
  }

  private void methodReference(MethodReferenceExpr reference) {
    Expression scope = reference.getScope();
    String name = reference.getIdentifier();
    if (scope instanceof TypeExpr typeExpr) {
      // The parser cannot tell `bus::post` from `Type::method`: a simple name that is a declared
      // variable is a bus instance; anything else is a type (a static method or an unbound
      // receiver), not a bus instance.
      if (typeExpr.getType() instanceof ClassOrInterfaceType type && type.getScope().isEmpty()) {
        declaredType(type.getNameAsString(), reference)
            .flatMap(d -> d)
            .ifPresent(busType -> busMember(reference, busType, name));
      }
      return;
    }
    receiverType(scope).ifPresent(type -> busMember(reference, type, name));
  }

  /** A call of, or a reference to, a method of a legacy bus instance. */
  private void busMember(Node node, String type, String method) {
    if (BUS_METHODS.contains(method)) {
      report(node, FindingKind.BUS_CALL, type + "#" + method);
    } else {
      use(node, type + "#" + method); // e.g. identifier(): still bound to the legacy type
    }
  }

  private void typeReference(ClassOrInterfaceType type) {
    Optional<Node> parent = type.getParentNode();
    if (parent.isPresent()) {
      Node p = parent.get();
      if (p instanceof ClassOrInterfaceType outer && outer.getScope().orElse(null) == type) {
        return; // part of a qualified name; the whole name is checked
      }
      if (p instanceof ObjectCreationExpr creation && creation.getType() == type) {
        return; // a construction
      }
      if (p instanceof TypeDeclaration<?>) {
        return; // extends / implements: a subclass
      }
    }
    Optional<String> resolved = resolveType(type);
    if (resolved.isEmpty()) {
      return;
    }
    String fqn = resolved.get();
    if (fqn.endsWith(".DeadEvent")) {
      report(type, FindingKind.DEAD_EVENT, fqn);
    } else if (fqn.endsWith(".SubscriberExceptionHandler")
        || fqn.endsWith(".SubscriberExceptionContext")) {
      report(type, FindingKind.EXCEPTION_HANDLER, fqn);
    } else if (type.getScope().isPresent()) {
      report(type, FindingKind.FULLY_QUALIFIED_REFERENCE, fqn);
    } else {
      use(type, fqn); // covered by the file's import, which is the finding
    }
  }

  // ---------------------------------------------------------------- name resolution

  /** The legacy type a written type denotes, if it is one. */
  private Optional<String> resolveType(ClassOrInterfaceType type) {
    if (type.getScope().isPresent()) {
      return legacyQualified(type.getNameWithScope());
    }
    return resolveSimple(type.getNameAsString());
  }

  /** A qualified name {@code pkg.Type} (or {@code pkg.Type.Nested}) of a legacy package. */
  private Optional<String> legacyQualified(String name) {
    Optional<String> pkg = legacyPackageOf(name);
    if (pkg.isEmpty() || name.length() <= pkg.get().length() + 1) {
      return Optional.empty();
    }
    String rest = name.substring(pkg.get().length() + 1);
    String topLevel = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    return Character.isUpperCase(topLevel.charAt(0)) ? Optional.of(name) : Optional.empty();
  }

  /** The legacy type a simple type name denotes in this file, if it is one. */
  private Optional<String> resolveSimple(String simpleName) {
    if (localTypes.contains(simpleName)) {
      return Optional.empty();
    }
    String imported = singleTypeImports.get(simpleName);
    if (imported != null) {
      return legacyQualified(imported);
    }
    Optional<LegacyApi> own = apiOf(packageName);
    if (own.isPresent()
        && packageName.equals(legacyPackageOf(packageName).orElse(""))
        && own.get().hasType(simpleName)) {
      return Optional.of(packageName + "." + simpleName);
    }
    for (String onDemand : onDemandImports) {
      Optional<LegacyApi> api = apiOf(onDemand);
      if (api.isPresent()
          && onDemand.equals(legacyPackageOf(onDemand).orElse(""))
          && api.get().hasType(simpleName)) {
        return Optional.of(onDemand + "." + simpleName);
      }
    }
    return Optional.empty();
  }

  /** The legacy type an expression names when used as the scope of a static call. */
  private Optional<String> typeNamedBy(Expression scope) {
    if (scope instanceof NameExpr name) {
      String identifier = name.getNameAsString();
      if (declaredType(identifier, name).isPresent()) {
        return Optional.empty(); // a variable, not a type
      }
      return resolveSimple(identifier);
    }
    if (scope instanceof FieldAccessExpr access && apiOf(access.toString()).isPresent()) {
      return legacyQualified(access.toString());
    }
    return Optional.empty();
  }

  /** The owner of a statically imported method called without a scope. */
  private Optional<String> staticImportOwner(String method) {
    if (localMethods.contains(method)) {
      return Optional.empty();
    }
    String owner = staticMemberImports.get(method);
    if (owner != null) {
      return legacyQualified(owner);
    }
    if (method.equals(GET_INSTANCE)) {
      for (String onDemand : staticOnDemandImports) {
        if (onDemand.equals(LegacyApi.VM_LEGACY.packageName() + ".DomainEventBus")) {
          return Optional.of(onDemand);
        }
      }
    }
    return Optional.empty();
  }

  /** The legacy type of the receiver of an instance call, if it has one. */
  private Optional<String> receiverType(Expression receiver) {
    if (receiver instanceof EnclosedExpr enclosed) {
      return receiverType(enclosed.getInner());
    }
    if (receiver instanceof CastExpr cast) {
      return cast.getType() instanceof ClassOrInterfaceType type
          ? resolveType(type)
          : Optional.empty();
    }
    if (receiver instanceof NameExpr name) {
      return declaredType(name.getNameAsString(), name).flatMap(d -> d);
    }
    if (receiver instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
      return fieldType(access.getNameAsString(), access).flatMap(d -> d);
    }
    if (receiver instanceof FieldAccessExpr access && access.getScope() instanceof NameExpr owner) {
      // service.bus, where service is a variable of a class declared in this file
      return declaration(owner.getNameAsString(), owner)
          .flatMap(d -> localType(d.type()))
          .flatMap(t -> fieldIn(t.getMembers(), access.getNameAsString()))
          .flatMap(d -> typeOf(d.type(), d.initializer()));
    }
    if (receiver instanceof ObjectCreationExpr creation) {
      return resolveType(creation.getType());
    }
    if (receiver instanceof MethodCallExpr call && call.getNameAsString().equals(GET_INSTANCE)) {
      return call.getScope().isPresent()
          ? typeNamedBy(call.getScope().get())
          : staticImportOwner(GET_INSTANCE);
    }
    if (receiver instanceof MethodCallExpr call) {
      // bus() or this.bus(): a method declared in this file, whose return type shows
      return localMethod(call).flatMap(m -> typeOf(m.getType(), null));
    }
    return Optional.empty();
  }

  /**
   * The method of this file a call without a scope (or on {@code this}) calls: one declared with
   * that name and as many parameters; empty if there is none, or more than one.
   */
  Optional<MethodDeclaration> localMethod(MethodCallExpr call) {
    if (call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)) {
      return Optional.empty();
    }
    List<MethodDeclaration> found = new ArrayList<>();
    for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
      if (method.getNameAsString().equals(call.getNameAsString())
          && method.getParameters().size() == call.getArguments().size()) {
        found.add(method);
      }
    }
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /**
   * Looks up the nearest declaration of a variable, parameter or field visible from {@code from}.
   * The outer optional is empty when nothing of that name is declared; the inner one holds the
   * legacy type of the declaration, if it has one.
   */
  private Optional<Optional<String>> declaredType(String name, Node from) {
    return declaration(name, from).map(d -> typeOf(d.type(), d.initializer()));
  }

  private Optional<Optional<String>> fieldType(String name, Node from) {
    return fieldDeclaration(name, from).map(d -> typeOf(d.type(), d.initializer()));
  }

  /**
   * The nearest declaration of a variable, parameter or field named {@code name} visible from
   * {@code from} in this file; empty when the file declares none (an inherited field, say).
   */
  Optional<Declared> declaration(String name, Node from) {
    Node current = from;
    while (current.getParentNode().isPresent()) {
      Node parent = current.getParentNode().get();
      Optional<Declared> found = declaredIn(parent, current, name);
      if (found.isPresent()) {
        return found;
      }
      current = parent;
    }
    return Optional.empty();
  }

  /** The field {@code this.name} of the innermost class around {@code from}, if declared here. */
  Optional<Declared> fieldDeclaration(String name, Node from) {
    Optional<Node> current = from.getParentNode();
    while (current.isPresent()) {
      Node node = current.get();
      if (node instanceof TypeDeclaration<?>
          || (node instanceof ObjectCreationExpr creation
              && creation.getAnonymousClassBody().isPresent())) {
        return declaredIn(node, from, name); // this.x: the innermost class only
      }
      current = node.getParentNode();
    }
    return Optional.empty();
  }

  /** The legacy type of the receiver of an instance call, if this file shows it has one. */
  Optional<String> legacyReceiverType(Expression receiver) {
    analyze();
    return receiverType(receiver);
  }

  private Optional<Declared> declaredIn(Node scope, Node child, String name) {
    if (scope instanceof NodeWithParameters<?> withParameters) {
      for (Parameter parameter : withParameters.getParameters()) {
        if (parameter.getNameAsString().equals(name)) {
          return Optional.of(new Declared(parameter.getType(), null));
        }
      }
    }
    if (scope instanceof BlockStmt block) {
      for (Statement statement : block.getStatements()) {
        if (statement == child) {
          break;
        }
        if (statement instanceof ExpressionStmt expression
            && expression.getExpression() instanceof VariableDeclarationExpr variables) {
          Optional<Declared> found = variable(variables.getVariables(), name);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    if (scope instanceof ForStmt loop) {
      for (Expression init : loop.getInitialization()) {
        if (init instanceof VariableDeclarationExpr variables) {
          Optional<Declared> found = variable(variables.getVariables(), name);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    if (scope instanceof ForEachStmt loop) {
      Optional<Declared> found = variable(loop.getVariable().getVariables(), name);
      if (found.isPresent()) {
        return found;
      }
    }
    if (scope instanceof TryStmt tryStmt) {
      for (Expression resource : tryStmt.getResources()) {
        if (resource instanceof VariableDeclarationExpr variables) {
          Optional<Declared> found = variable(variables.getVariables(), name);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    if (scope instanceof CatchClause catchClause
        && catchClause.getParameter().getNameAsString().equals(name)) {
      return Optional.of(new Declared(catchClause.getParameter().getType(), null));
    }
    if (scope instanceof RecordDeclaration record) {
      for (Parameter component : record.getParameters()) {
        if (component.getNameAsString().equals(name)) {
          return Optional.of(new Declared(component.getType(), null));
        }
      }
    }
    if (scope instanceof TypeDeclaration<?> type) {
      return fieldIn(type.getMembers(), name);
    }
    if (scope instanceof ObjectCreationExpr creation
        && creation.getAnonymousClassBody().isPresent()) {
      return fieldIn(creation.getAnonymousClassBody().get(), name);
    }
    return Optional.empty();
  }

  /** The class declared in this file that a written type names by its simple name, if any. */
  private Optional<TypeDeclaration<?>> localType(Type type) {
    if (!(type instanceof ClassOrInterfaceType classType) || classType.getScope().isPresent()) {
      return Optional.empty();
    }
    String name = classType.getNameAsString();
    for (TypeDeclaration<?> declaration : unit.findAll(TypeDeclaration.class)) {
      if (declaration.getNameAsString().equals(name)) {
        return Optional.of(declaration);
      }
    }
    return Optional.empty();
  }

  private Optional<Declared> fieldIn(NodeList<BodyDeclaration<?>> members, String name) {
    for (BodyDeclaration<?> member : members) {
      if (member instanceof FieldDeclaration field) {
        Optional<Declared> found = variable(field.getVariables(), name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Declared> variable(NodeList<VariableDeclarator> variables, String name) {
    for (VariableDeclarator variable : variables) {
      if (variable.getNameAsString().equals(name)) {
        return Optional.of(
            new Declared(variable.getType(), variable.getInitializer().orElse(null)));
      }
    }
    return Optional.empty();
  }

  private Optional<String> typeOf(Type type, @Nullable Expression initializer) {
    if (isVar(type)) {
      return initializer == null ? Optional.empty() : receiverType(initializer);
    }
    if (type instanceof ClassOrInterfaceType classType) {
      return resolveType(classType);
    }
    return Optional.empty();
  }

  /**
   * Whether a declared type is {@code var}. Parsing without a language level leaves {@code var} as
   * a class type of that name, which no class can have since Java 10.
   */
  static boolean isVar(Type type) {
    return type.isVarType()
        || (type instanceof ClassOrInterfaceType classType
            && classType.getScope().isEmpty()
            && classType.getTypeArguments().isEmpty()
            && classType.getNameAsString().equals("var"));
  }

  // ---------------------------------------------------------------- reporting

  /** The package of a legacy API (or of the compat shim, if it counts) that a name lies in. */
  private Optional<String> legacyPackageOf(String qualifiedName) {
    Optional<LegacyApi> api = LegacyApi.ofQualifiedName(qualifiedName);
    if (api.isPresent()) {
      return Optional.of(api.get().packageName());
    }
    if (includeCompatShim && LegacyApi.isInCompatShim(qualifiedName)) {
      return Optional.of(LegacyApi.COMPAT_GUAVA_PACKAGE);
    }
    return Optional.empty();
  }

  private Optional<LegacyApi> apiOf(String qualifiedName) {
    Optional<LegacyApi> api = LegacyApi.ofQualifiedName(qualifiedName);
    if (api.isEmpty() && includeCompatShim && LegacyApi.isInCompatShim(qualifiedName)) {
      return Optional.of(LegacyApi.GUAVA);
    }
    return api;
  }

  private void use(Node node, String symbol) {
    uses.add(LegacyUse.of(node, apiOrThrow(symbol), symbol, legacyPackageOf(symbol).orElse("")));
  }

  private LegacyApi apiOrThrow(String symbol) {
    return apiOf(symbol)
        .orElseThrow(() -> new IllegalStateException("not a legacy symbol: " + symbol));
  }

  private void report(Node node, FindingKind kind, String symbol) {
    LegacyApi api = apiOrThrow(symbol);
    use(node, symbol);
    int line = node.getBegin().map(p -> p.line).orElse(0);
    int column = node.getBegin().map(p -> p.column).orElse(0);
    Advice advice = Advice.of(api, kind, symbol);
    findings.add(
        new Finding(
            file, line, column, api, kind, symbol, advice.autoMigratable(), advice.suggestion()));
  }

  /**
   * A declaration found in the file: the declared type as written and, for a variable, its
   * initialiser.
   */
  record Declared(Type type, @Nullable Expression initializer) {}
}
