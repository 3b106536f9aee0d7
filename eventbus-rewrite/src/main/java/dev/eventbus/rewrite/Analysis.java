package dev.eventbus.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaSourceFile;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.TypeTree;
import org.openrewrite.java.tree.TypeUtils;

/**
 * What the scan of every source file found, and the decision it leads to: which files move to the
 * native API, which stay on (or move to) the compat step, and which are left alone. Types come from
 * the compiler's attribution, not from names.
 */
final class Analysis {

  /** What a file gets. */
  enum Fate {
    /** Moves to the native API. */
    NATIVE,
    /** Stays on, or moves to, the compat step. */
    COMPAT,
    /** Left as it is: reflection, or a subscriber of a bus that stays Guava's. */
    UNCHANGED
  }

  /** The kind of bus a {@code register(...)} call is made on. */
  enum Receiver {
    /** Native by type: a {@code UnifiedEventBus}. */
    NATIVE,
    /** A legacy bus declared in the tree: native when its declaring file moves. */
    DECLARED,
    /** A legacy bus that stays legacy (async, a subclass in the tree, the vm bus). */
    LEGACY,
    /** A library's subclass of Guava's bus, or Guava's bus from a library: sees Guava only. */
    LIBRARY,
    /** The compiler did not attribute the receiver (a missing class path entry). */
    UNKNOWN
  }

  /** A {@code register(x)} call. */
  record Registration(
      String file,
      String code,
      Receiver receiver,
      @Nullable String origin,
      @Nullable JavaType argument,
      boolean exact) {}

  /** A subscriber class: it declares methods with the dialect's subscriber annotation. */
  record Subscriber(String file, JavaType.FullyQualified type) {}

  private static final Pattern GUAVA_CLASS_NAME =
      Pattern.compile(Pattern.quote(MigrationRules.GUAVA_PACKAGE) + "\\.[A-Z][\\w$]*");
  private static final Set<String> REFLECTION_METHODS =
      Set.of(
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getDeclaredField",
          "getDeclaredFields");

  private final Dialect dialect;

  /** Every class declared in the tree (nested ones too), to the file declaring it. */
  final Map<String, String> declared = new HashMap<>();

  /** Files that use the dialect's packages. */
  final Set<String> candidates = new TreeSet<>();

  /** Files with a use the native step cannot rewrite, with the first reason. */
  final Map<String, String> blockers = new LinkedHashMap<>();

  /** Files that reflect into Guava's package, with the first reason. */
  final Map<String, String> reflective = new LinkedHashMap<>();

  final List<Registration> registrations = new ArrayList<>();
  final Map<String, Subscriber> subscribers = new LinkedHashMap<>();

  /** Files that share a bus declaration other than as the receiver of a bus call. */
  final List<String[]> links = new ArrayList<>();

  /** Classes that implement the legacy event interface, to the file declaring them. */
  final Map<String, String> events = new LinkedHashMap<>();

  /** The types each file uses (the legacy buses' dialect only). */
  final Map<String, Set<String>> typesUsed = new HashMap<>();

  /** Declaring files that must stay legacy because of a call elsewhere, with the reason. */
  final Map<String, String> pinnedDeclarations = new LinkedHashMap<>();

  /**
   * What the scan weighs only once every file is scanned: whether a bus comes from the tree or a
   * library depends on where its declaring class is, which may be a file scanned later (the rewrite
   * Maven plugin scans in the file system's order, not by path).
   */
  private final List<Runnable> afterScan = new ArrayList<>();

  private @Nullable Map<String, Fate> fates;
  private final Map<String, String> reasons = new LinkedHashMap<>();

  Analysis(Dialect dialect) {
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  // ------------------------------------------------------------------ scanning

  TreeVisitor<?, ExecutionContext> scanner() {
    return new JavaIsoVisitor<>() {
      private String file = "";

      @Override
      public J visit(@Nullable Tree tree, ExecutionContext ctx) {
        if (tree instanceof JavaSourceFile source) {
          file = source.getSourcePath().toString();
        }
        return super.visit(tree, ctx);
      }

      @Override
      public J.CompilationUnit visitCompilationUnit(J.CompilationUnit cu, ExecutionContext ctx) {
        if (dialect.subscribe() == null) {
          Set<String> used = new HashSet<>();
          for (JavaType type : cu.getTypesInUse().getTypesInUse()) {
            JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
            if (fq != null) {
              used.add(fq.getFullyQualifiedName());
            }
          }
          typesUsed.put(file, used);
        }
        return super.visitCompilationUnit(cu, ctx);
      }

      @Override
      public J.Import visitImport(J.Import anImport, ExecutionContext ctx) {
        String pkg = anImport.getPackageName();
        String simple = anImport.getQualid().getSimpleName();
        if (dialect.packages().contains(pkg)) {
          candidates.add(file);
          if (anImport.isStatic()) {
            block(file, "a static import of a legacy member; inject a UnifiedEventBus instead");
          } else if (!simple.equals("*") && !dialect.mechanical(simple)) {
            block(file, MigrationRules.reason(dialect.api(), simple));
          }
        } else if (anImport.isStatic() && dialect.owns(pkg)) {
          candidates.add(file);
          block(file, "a static import of a legacy member; inject a UnifiedEventBus instead");
        }
        return anImport;
      }

      @Override
      public J.ClassDeclaration visitClassDeclaration(
          J.ClassDeclaration classDecl, ExecutionContext ctx) {
        JavaType.FullyQualified type = classDecl.getType();
        if (type != null) {
          declared.put(type.getFullyQualifiedName(), file);
        }
        List<TypeTree> supertypes = new ArrayList<>();
        if (classDecl.getExtends() != null) {
          supertypes.add(classDecl.getExtends());
        }
        if (classDecl.getImplements() != null) {
          supertypes.addAll(classDecl.getImplements());
        }
        for (TypeTree supertype : supertypes) {
          JavaType.FullyQualified fq = TypeUtils.asFullyQualified(supertype.getType());
          String name = fq == null ? null : fq.getFullyQualifiedName();
          if (dialect.owns(name)
              && dialect.subscribe() == null
              && Dialect.simpleName(name).equals("DomainEvent")
              && type != null) {
            events.put(type.getFullyQualifiedName(), file);
          }
          if (dialect.owns(name)) {
            String simple = Dialect.simpleName(name);
            if (!dialect.nativeTypes().containsKey(simple) || simple.equals(dialect.bus())) {
              block(
                  file, "extends or implements " + simple + "; a subclass of a bus needs a person");
            }
          }
        }
        return super.visitClassDeclaration(classDecl, ctx);
      }

      @Override
      public J.FieldAccess visitFieldAccess(J.FieldAccess fieldAccess, ExecutionContext ctx) {
        JavaType.FullyQualified fq = TypeUtils.asFullyQualified(fieldAccess.getType());
        if (fq != null
            && fieldAccess.getName().getFieldType() == null
            && dialect.owns(fq.getFullyQualifiedName())
            && fieldAccess.toString().startsWith(fq.getPackageName() + ".")) {
          candidates.add(file); // a fully qualified type name
          String simple = fq.getClassName();
          if (!dialect.mechanical(simple)) {
            block(file, MigrationRules.reason(dialect.api(), simple));
          }
        }
        reference(fieldAccess.getName().getFieldType(), fieldAccess);
        return super.visitFieldAccess(fieldAccess, ctx);
      }

      @Override
      public J.Identifier visitIdentifier(J.Identifier identifier, ExecutionContext ctx) {
        Object parent = getCursor().getParentTreeCursor().getValue();
        if (!(parent instanceof J.FieldAccess access && access.getName() == identifier)
            && !(parent instanceof J.VariableDeclarations.NamedVariable)) {
          reference(identifier.getFieldType(), identifier);
        }
        return identifier;
      }

      @Override
      public J.Literal visitLiteral(J.Literal literal, ExecutionContext ctx) {
        // A class name of Guava's package handed to a method or kept in a variable (the tool's
        // rule); one that is only printed (an operand of +) reflects into nothing.
        Object parent = getCursor().getParentTreeCursor().getValue();
        boolean handed =
            parent instanceof J.MethodInvocation
                || parent instanceof J.NewClass
                || parent instanceof J.VariableDeclarations.NamedVariable
                || parent instanceof J.Assignment;
        if (handed
            && literal.getValue() instanceof String text
            && GUAVA_CLASS_NAME.matcher(text).matches()) {
          reflective.putIfAbsent(file, MigrationRules.reflectionReason(text));
        }
        return literal;
      }

      @Override
      public J.NewClass visitNewClass(J.NewClass newClass, ExecutionContext ctx) {
        JavaType.FullyQualified type = TypeUtils.asFullyQualified(newClass.getType());
        if (type != null && isBus(type)) {
          List<Expression> args = newClass.getArguments();
          boolean named =
              args.isEmpty()
                  || args.get(0) instanceof J.Empty
                  || (args.size() == 1 && TypeUtils.isString(args.get(0).getType()));
          if (newClass.getBody() != null) {
            block(file, "an anonymous subclass of " + dialect.bus() + "; it needs a person");
          } else if (!named) {
            block(
                file,
                MigrationRules.isGuava(dialect.api())
                    ? MigrationRules.HANDLER_CONSTRUCTOR_REASON
                    : "new " + dialect.bus() + " with arguments has no native equivalent");
          }
        }
        parameters(newClass.getMethodType());
        return super.visitNewClass(newClass, ctx);
      }

      @Override
      public J.MethodInvocation visitMethodInvocation(
          J.MethodInvocation method, ExecutionContext ctx) {
        JavaType.Method type = method.getMethodType();
        String name = method.getSimpleName();
        if (type != null
            && REFLECTION_METHODS.contains(name)
            && method.getSelect() instanceof J.FieldAccess classLiteral
            && classLiteral.getSimpleName().equals("class")
            && MigrationRules.GUAVA_PACKAGE.equals(packageOf(classLiteral.getTarget().getType()))) {
          reflective.putIfAbsent(
              file,
              MigrationRules.reflectionReason(
                  TypeUtils.asFullyQualified(classLiteral.getTarget().getType())
                          .getFullyQualifiedName()
                      + "#"
                      + name));
        }
        if (type != null && isBusMethod(type)) {
          boolean mechanical =
              dialect.renamedMethods().containsKey(name) || dialect.sameMethods().contains(name);
          if (!mechanical) {
            String reason =
                MigrationRules.isGuava(dialect.api())
                    ? MigrationRules.guavaMethodReason(name)
                    : dialect.bus() + "#" + name + " has no direct equivalent on UnifiedEventBus";
            block(file, reason);
            String here = file;
            afterScan.add(
                () -> {
                  String origin = origin(method.getSelect(), here);
                  if (origin != null && !origin.equals(here)) {
                    pinnedDeclarations.putIfAbsent(
                        origin, "its bus is used in " + here + " by " + name + "(...): " + reason);
                  }
                });
          }
        }
        if (name.equals("register") && method.getArguments().size() == 1) {
          String here = file;
          afterScan.add(() -> registration(method, type, here));
        }
        if (type != null && "getInstance".equals(name) && isBus(type.getDeclaringType())) {
          block(
              file,
              "the process-wide singleton; pass a UnifiedEventBus in through the constructor");
        }
        if (type != null
            && !(getCursor().getParentTreeCursor().getValue() instanceof J.MethodInvocation call
                && call.getSelect() == method)) {
          if (isBusType(type.getReturnType())) {
            link(type.getDeclaringType());
          }
        }
        parameters(type);
        return super.visitMethodInvocation(method, ctx);
      }

      @Override
      public J.MethodDeclaration visitMethodDeclaration(
          J.MethodDeclaration method, ExecutionContext ctx) {
        if (dialect.subscribe() != null) {
          for (J.Annotation annotation : method.getLeadingAnnotations()) {
            JavaType.FullyQualified type = TypeUtils.asFullyQualified(annotation.getType());
            if (type != null
                && dialect.owns(type.getFullyQualifiedName())
                && type.getClassName().equals(dialect.subscribe())) {
              // The class whose instances carry the method: an anonymous class's own type.
              Object owner =
                  getCursor()
                      .dropParentUntil(
                          v ->
                              v instanceof J.ClassDeclaration
                                  || (v instanceof J.NewClass created && created.getBody() != null))
                      .getValue();
              JavaType.FullyQualified ownerType =
                  owner instanceof J.NewClass created
                      ? TypeUtils.asFullyQualified(created.getType())
                      : ((J.ClassDeclaration) owner).getType();
              if (ownerType != null) {
                subscribers.putIfAbsent(
                    ownerType.getFullyQualifiedName(), new Subscriber(file, ownerType));
              }
            }
          }
        }
        if (dialect.subscribe() == null
            && method.getSimpleName().equals(MigrationRules.VM_TIMESTAMP_METHOD)) {
          block(file, "overrides timestampMillis(), which dev.eventbus.api.DomainEvent lacks");
        }
        return super.visitMethodDeclaration(method, ctx);
      }

      @Override
      public J.Try.Catch visitCatch(J.Try.Catch aCatch, ExecutionContext ctx) {
        JavaType type = aCatch.getParameter().getType();
        if (dialect.subscribe() == null && isOwned(type)) {
          block(
              file,
              "catch (VmException): the unified publish does not throw it; read the PublishResult"
                  + " (orThrow()) or use an EventExceptionHandler");
        }
        return super.visitCatch(aCatch, ctx);
      }

      /** A field, local or parameter: a bus declared in another file used here. */
      private void reference(JavaType.@Nullable Variable variable, J expression) {
        if (variable == null || !isBusType(variable.getType())) {
          return;
        }
        Object parent = getCursor().getParentTreeCursor().getValue();
        if (expression instanceof J.FieldAccess) {
          parent = getCursor().getParentTreeCursor().getValue();
        }
        if (parent instanceof J.MethodInvocation call && call.getSelect() == expression) {
          return; // the receiver of a call, rewritten where its declaration moves
        }
        if (parent instanceof J.MemberReference) {
          return;
        }
        JavaType.FullyQualified owner = TypeUtils.asFullyQualified(variable.getOwner());
        if (owner != null) {
          link(owner);
        }
      }

      private void parameters(JavaType.@Nullable Method type) {
        if (type == null) {
          return;
        }
        for (JavaType parameter : type.getParameterTypes()) {
          if (isBusType(parameter)) {
            link(type.getDeclaringType());
            return;
          }
        }
      }

      private void link(JavaType.@Nullable FullyQualified owner) {
        if (owner != null) {
          links.add(new String[] {file, owner.getFullyQualifiedName()});
        }
      }

      private void registration(
          J.MethodInvocation method, JavaType.@Nullable Method type, String file) {
        Expression argument = method.getArguments().get(0);
        boolean exact = argument instanceof J.NewClass;
        String code = method.toString().strip();
        if (type == null) {
          registrations.add(
              new Registration(file, code, Receiver.UNKNOWN, null, argument.getType(), exact));
          return;
        }
        JavaType.FullyQualified declaring = type.getDeclaringType();
        if (TypeUtils.isAssignableTo(MigrationRules.UNIFIED_EVENT_BUS, declaring)) {
          registrations.add(
              new Registration(file, code, Receiver.NATIVE, null, argument.getType(), exact));
          return;
        }
        if (!isBus(declaring)) {
          return; // some other register method
        }
        JavaType selectType = method.getSelect() == null ? null : method.getSelect().getType();
        JavaType.FullyQualified receiver = TypeUtils.asFullyQualified(selectType);
        Receiver kind;
        String origin = null;
        if (receiver == null) {
          kind = method.getSelect() == null ? Receiver.LEGACY : Receiver.UNKNOWN;
        } else if (isBusType(receiver)) {
          origin = origin(method.getSelect(), file);
          boolean guavaOwn = MigrationRules.GUAVA_PACKAGE.equals(receiver.getPackageName());
          kind =
              origin != null
                  ? Receiver.DECLARED
                  : guavaOwn && fromLibrary(method.getSelect())
                      ? Receiver.LIBRARY
                      : Receiver.LEGACY;
        } else if (declared.containsKey(receiver.getFullyQualifiedName())
            || !MigrationRules.GUAVA_PACKAGE.equals(packageOf(declaring))
            || dialect.owns(receiver.getFullyQualifiedName())) {
          kind = Receiver.LEGACY; // async, a subclass in the tree, the compat bus's subclasses
        } else {
          kind = Receiver.LIBRARY;
        }
        registrations.add(new Registration(file, code, kind, origin, argument.getType(), exact));
      }
    };
  }

  /**
   * The file that declares the bus an expression reads: this file for a local, a parameter or a
   * {@code new}; the declaring class's file for a field or a method's result; {@code null} when the
   * expression is of another form or the declaration lies outside the tree.
   */
  @Nullable String origin(@Nullable Expression select, String file) {
    if (select instanceof J.Parentheses<?> parentheses
        && parentheses.getTree() instanceof Expression inner) {
      return origin(inner, file);
    }
    JavaType.Variable variable = null;
    if (select instanceof J.Identifier identifier) {
      variable = identifier.getFieldType();
    } else if (select instanceof J.FieldAccess access) {
      variable = access.getName().getFieldType();
    } else if (select instanceof J.NewClass || select instanceof J.TypeCast) {
      return file; // a cast names its type here, and moves with this file
    } else if (select instanceof J.MethodInvocation call && call.getMethodType() != null) {
      return declared.get(call.getMethodType().getDeclaringType().getFullyQualifiedName());
    }
    if (variable == null) {
      return null;
    }
    if (variable.getOwner() instanceof JavaType.Method) {
      return file;
    }
    JavaType.FullyQualified owner = TypeUtils.asFullyQualified(variable.getOwner());
    return owner == null ? null : declared.get(owner.getFullyQualifiedName());
  }

  /** Whether an expression reads a field or method declared outside the tree. */
  private boolean fromLibrary(@Nullable Expression select) {
    JavaType.FullyQualified owner = null;
    if (select instanceof J.MethodInvocation call && call.getMethodType() != null) {
      owner = call.getMethodType().getDeclaringType();
    } else if (select instanceof J.Identifier identifier && identifier.getFieldType() != null) {
      owner = TypeUtils.asFullyQualified(identifier.getFieldType().getOwner());
    } else if (select instanceof J.FieldAccess access && access.getName().getFieldType() != null) {
      owner = TypeUtils.asFullyQualified(access.getName().getFieldType().getOwner());
    }
    return owner != null && !declared.containsKey(owner.getFullyQualifiedName());
  }

  private void block(String file, String reason) {
    blockers.putIfAbsent(file, reason);
  }

  private static @Nullable String packageOf(@Nullable JavaType type) {
    JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
    return fq == null ? null : fq.getPackageName();
  }

  private boolean isOwned(@Nullable JavaType type) {
    JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
    return fq != null && dialect.owns(fq.getFullyQualifiedName());
  }

  /** Whether a type is the dialect's bus or one of its subtypes. */
  boolean isBus(@Nullable JavaType type) {
    for (String p : dialect.packages()) {
      if (TypeUtils.isAssignableTo(p + "." + dialect.bus(), type)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a type is exactly the dialect's bus type. */
  boolean isBusType(@Nullable JavaType type) {
    for (String p : dialect.packages()) {
      if (TypeUtils.isOfClassType(type, p + "." + dialect.bus())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a method is one of the bus's (declared on the bus type or a subtype). */
  boolean isBusMethod(JavaType.Method method) {
    return isBus(method.getDeclaringType());
  }

  // ------------------------------------------------------------------ deciding

  /** Each file's fate; computed once, after the scan. */
  Map<String, Fate> fates() {
    if (fates != null) {
      return fates;
    }
    for (Runnable task : afterScan) {
      task.run();
    }
    afterScan.clear();
    Map<String, Fate> result = new HashMap<>();
    for (Map.Entry<String, String> e : reflective.entrySet()) {
      result.put(e.getKey(), Fate.UNCHANGED);
      reasons.put(e.getKey(), e.getValue());
    }
    // A subscriber registered on a bus that stays Guava's, or on one the compiler did not see,
    // keeps its annotation where it is: neither step may touch its file.
    for (Subscriber subscriber : subscribers.values()) {
      for (Registration r : registrations) {
        if ((r.receiver() == Receiver.LIBRARY || r.receiver() == Receiver.UNKNOWN)
            && affects(r, subscriber)) {
          result.putIfAbsent(subscriber.file(), Fate.UNCHANGED);
          reasons.putIfAbsent(
              subscriber.file(),
              subscriber.type().getClassName()
                  + " may be registered on a bus "
                  + (r.receiver() == Receiver.LIBRARY
                      ? "of a library, which sees Guava's @Subscribe only"
                      : "whose type is unknown (the class path lacks it)")
                  + " ("
                  + r.file()
                  + ": "
                  + r.code()
                  + "); nothing in the file was changed");
        }
      }
    }
    for (Map.Entry<String, String> e : blockers.entrySet()) {
      // A file that names no legacy package has nothing to move; its calls on another file's bus
      // weigh through pinnedDeclarations.
      if (candidates.contains(e.getKey()) && !result.containsKey(e.getKey())) {
        result.put(e.getKey(), Fate.COMPAT);
        reasons.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, String> e : pinnedDeclarations.entrySet()) {
      if (!result.containsKey(e.getKey())) {
        result.put(e.getKey(), Fate.COMPAT);
        reasons.put(e.getKey(), e.getValue());
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String[] link : links) {
        String from = link[0];
        String to = declared.get(link[1]);
        if (to == null || to.equals(from)) {
          continue;
        }
        boolean fromStays = stays(result, from);
        boolean toStays = stays(result, to);
        if (fromStays != toStays) {
          String stuck = fromStays ? to : from;
          String other = fromStays ? from : to;
          result.put(stuck, Fate.COMPAT);
          reasons.put(
              stuck, "shares a bus declaration with " + other + ", which stays on the compat step");
          changed = true;
        }
      }
      // A legacy event that a file staying on the legacy API uses (publishes through the legacy
      // bus, reads in a legacy handler) must stay a legacy event.
      for (Map.Entry<String, String> event : events.entrySet()) {
        String eventFile = event.getValue();
        if (stays(result, eventFile)) {
          continue;
        }
        for (Map.Entry<String, Set<String>> user : typesUsed.entrySet()) {
          if (!user.getKey().equals(eventFile)
              && stays(result, user.getKey())
              && user.getValue().contains(event.getKey())) {
            result.put(eventFile, Fate.COMPAT);
            reasons.put(
                eventFile,
                Dialect.simpleName(event.getKey())
                    + " is used by "
                    + user.getKey()
                    + ", which stays on the legacy API: it stays a vm.core.event.DomainEvent");
            changed = true;
            break;
          }
        }
      }
      for (Subscriber subscriber : subscribers.values()) {
        if (stays(result, subscriber.file())) {
          continue;
        }
        String why = null;
        boolean seen = false;
        for (Registration r : registrations) {
          if (!affects(r, subscriber)) {
            continue;
          }
          seen = true;
          boolean isNative =
              r.receiver() == Receiver.NATIVE
                  || (r.receiver() == Receiver.DECLARED
                      && r.origin() != null
                      && !stays(result, r.origin()));
          if (!isNative) {
            why =
                subscriber.type().getClassName()
                    + " may be registered on a bus that stays legacy ("
                    + r.file()
                    + ": "
                    + r.code()
                    + "); it keeps the compat @Subscribe, which that bus sees";
            break;
          }
        }
        if (!seen) {
          why =
              "nothing in the tree is seen to register "
                  + subscriber.type().getClassName()
                  + " (a framework or reflection may): it keeps the compat @Subscribe";
        }
        if (why != null) {
          result.put(subscriber.file(), Fate.COMPAT);
          reasons.put(subscriber.file(), why);
          changed = true;
        }
      }
    }
    for (String file : candidates) {
      result.putIfAbsent(file, Fate.NATIVE);
    }
    fates = result;
    return result;
  }

  /** The reason a file does not move, if it does not. */
  @Nullable String reason(String file) {
    fates();
    return reasons.get(file);
  }

  /** Whether the bus declarations of a file stay legacy. */
  boolean declarationsStay(@Nullable String file) {
    return file == null || stays(fates(), file);
  }

  private static boolean stays(Map<String, Fate> fates, String file) {
    Fate fate = fates.get(file);
    return fate == Fate.COMPAT || fate == Fate.UNCHANGED;
  }

  /**
   * Whether a registration may register an instance of the subscriber: its argument's static type
   * is the subscriber or a subtype, or (unless it was made with {@code new}) a supertype.
   */
  private static boolean affects(Registration r, Subscriber subscriber) {
    JavaType argument = r.argument();
    if (!(argument instanceof JavaType.FullyQualified)) {
      return true; // unknown, a type variable, an array: may be anything
    }
    if (TypeUtils.isAssignableTo(subscriber.type().getFullyQualifiedName(), argument)) {
      return true;
    }
    return !r.exact()
        && TypeUtils.isAssignableTo(
            ((JavaType.FullyQualified) argument).getFullyQualifiedName(), subscriber.type());
  }
}
