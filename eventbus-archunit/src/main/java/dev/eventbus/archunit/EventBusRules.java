package dev.eventbus.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.Objects.requireNonNull;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvent;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ArchUnit rules for code that uses the unified event bus: no legacy event-bus API, no bus in
 * static state, immutable events, well-formed {@code @Subscribe} methods.
 *
 * <p>Each rule is a constant, and {@link #all(String...)} combines the ones a migrated code base
 * should satisfy:
 *
 * <pre>{@code
 * JavaClasses classes =
 *     new ClassFileImporter()
 *         .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *         .importPackages("com.acme");
 * EventBusRules.all().check(classes);
 * }</pre>
 *
 * <p>The rules name the types they look for by their fully qualified names ({@value
 * #UNIFIED_EVENT_BUS}, {@value #DOMAIN_EVENT}, {@value #SUBSCRIBE}, the legacy buses), so this
 * artifact needs neither {@code eventbus-api} nor a legacy bus on the class path; ArchUnit resolves
 * the types from the class path of the test when they are there.
 *
 * <p><b>The legacy APIs themselves are never checked.</b> The classes in {@value
 * #VM_LEGACY_PACKAGE}, {@value #GUAVA_EVENT_BUS_PACKAGE} and {@value #COMPAT_PACKAGE} are the
 * legacy APIs and the compat shim; the dependency rules and {@link #NO_STATIC_EVENT_BUS} leave them
 * out, so importing them along with a code base (or importing {@code eventbus-compat} itself)
 * reports nothing of theirs.
 *
 * <p><b>Exemptions.</b> The constants check every imported class. The factory methods of the same
 * names take ArchUnit package identifiers (for example {@code "com.acme.legacy.."}) whose classes
 * are not checked, for code that is knowingly left as it is. The exempt packages become part of the
 * rule's description.
 *
 * <p><b>Gradual adoption.</b> A code base with many violations can freeze them and fail only on new
 * ones: wrap any of these rules, {@link #all(String...)} included, in {@link
 * FreezingArchRule#freeze(ArchRule)}. ArchUnit records the current violations in its violation
 * store on the first run and, on later runs, reports only violations that are not recorded and
 * removes recorded ones that were fixed. The store is keyed by {@link ArchRule#getDescription()
 * rule description}: a rule whose description changes (a new exemption, or a new release of these
 * rules that rewords one) is a new rule to the store, which freezes its violations afresh.
 *
 * <p><b>Empty code bases.</b> Every rule allows an empty {@code should}: it passes when no imported
 * class or method is left to check, for example a code base without events or without
 * {@code @Subscribe} methods.
 *
 * <p><b>Thread safety.</b> The rules are immutable and may be shared and evaluated from many
 * threads at once. This class has no state.
 *
 * @since 0.1
 */
public final class EventBusRules {

  /** ArchUnit package identifier of the VM project's legacy buses ({@code eventbus-compat}). */
  public static final String VM_LEGACY_PACKAGE = "vm.core.event..";

  /** ArchUnit package identifier of Guava's event bus. */
  public static final String GUAVA_EVENT_BUS_PACKAGE = "com.google.common.eventbus..";

  /** ArchUnit package identifier of the migration shims shipped by {@code eventbus-compat}. */
  public static final String COMPAT_PACKAGE = "dev.eventbus.compat..";

  /** The unified bus, the one bus type migrated code uses. */
  public static final String UNIFIED_EVENT_BUS = "dev.eventbus.api.UnifiedEventBus";

  /** The event type that {@link #EVENTS_ARE_IMMUTABLE} checks the implementations of. */
  public static final String DOMAIN_EVENT = "dev.eventbus.api.DomainEvent";

  /**
   * The annotation that marks subscriber methods, checked by {@link
   * #SUBSCRIBER_METHODS_ARE_WELL_FORMED}.
   */
  public static final String SUBSCRIBE = "dev.eventbus.api.Subscribe";

  /** Name of the static accessor of the legacy process-wide bus, {@code DomainEventBus}'s. */
  public static final String SINGLETON_ACCESSOR = "getInstance";

  /**
   * The bus types: a class assignable to one of them is a bus for {@link #NO_STATIC_EVENT_BUS}.
   * Guava's {@code AsyncEventBus} extends its {@code EventBus} and is covered by it.
   */
  public static final List<String> BUS_TYPES =
      List.of(
          UNIFIED_EVENT_BUS,
          "vm.core.event.DomainEventBus",
          "vm.core.event.AsyncEventBus",
          "com.google.common.eventbus.EventBus",
          "dev.eventbus.compat.guava.EventBus",
          "dev.eventbus.compat.guava.AsyncEventBus");

  /**
   * The packages the library exports to its users: every package of its modules' descriptors
   * exported without qualification. Everything else under {@code dev.eventbus} is the library's
   * internals, which {@link #NO_LIBRARY_INTERNALS} keeps user code away from.
   */
  public static final List<String> EXPORTED_PACKAGES =
      List.of(
          "dev.eventbus.api",
          "dev.eventbus.api.spi",
          "dev.eventbus.core.spi",
          "dev.eventbus.durable",
          "dev.eventbus.processors",
          "dev.eventbus.compat.guava",
          "dev.eventbus.compat.bridge",
          "vm.core.event",
          "dev.eventbus.store.jdbc",
          "dev.eventbus.codec.jackson",
          "dev.eventbus.kafka",
          "dev.eventbus.tracing",
          "dev.eventbus.redis",
          "dev.eventbus.transport",
          "dev.eventbus.micrometer",
          "dev.eventbus.archunit",
          "dev.eventbus.migration",
          "dev.eventbus.migration.report",
          "dev.eventbus.rewrite",
          "dev.eventbus.testkit",
          "dev.eventbus.testkit.store",
          "dev.eventbus.spring.boot.autoconfigure");

  /** ArchUnit package identifier of the library's own classes, exported or not. */
  public static final String LIBRARY_PACKAGE = "dev.eventbus..";

  private static final List<String> LEGACY_PACKAGES =
      List.of(VM_LEGACY_PACKAGE, GUAVA_EVENT_BUS_PACKAGE, COMPAT_PACKAGE);

  private static final String USE_UNIFIED_BUS =
      "publish and subscribe through dev.eventbus.api.UnifiedEventBus, injected where it is needed"
          + " and built once by EventBusFactory";

  /**
   * No class outside the legacy APIs may depend on {@value #VM_LEGACY_PACKAGE}, {@value
   * #GUAVA_EVENT_BUS_PACKAGE} or {@value #COMPAT_PACKAGE}: the three rules below in one.
   *
   * @see #noLegacyEventBusApi(String...)
   */
  public static final ArchRule NO_LEGACY_EVENT_BUS_API = noLegacyEventBusApi();

  /**
   * No class outside the legacy APIs may depend on {@value #VM_LEGACY_PACKAGE}.
   *
   * @see #noVmLegacyEventBus(String...)
   */
  public static final ArchRule NO_VM_LEGACY_EVENT_BUS = noVmLegacyEventBus();

  /**
   * No class outside the legacy APIs may depend on {@value #GUAVA_EVENT_BUS_PACKAGE}.
   *
   * @see #noGuavaEventBus(String...)
   */
  public static final ArchRule NO_GUAVA_EVENT_BUS = noGuavaEventBus();

  /**
   * No class outside the legacy APIs may depend on {@value #COMPAT_PACKAGE}.
   *
   * @see #noCompatShim(String...)
   */
  public static final ArchRule NO_COMPAT_SHIM = noCompatShim();

  /**
   * No class outside the legacy APIs may hold a bus in a static field or call {@value
   * #SINGLETON_ACCESSOR} of a bus class.
   *
   * @see #noStaticEventBus(String...)
   */
  public static final ArchRule NO_STATIC_EVENT_BUS = noStaticEventBus();

  /**
   * Every class that implements {@value #DOMAIN_EVENT} has only final fields.
   *
   * @see #eventsAreImmutable(String...)
   */
  public static final ArchRule EVENTS_ARE_IMMUTABLE = eventsAreImmutable();

  /**
   * Every {@code @Subscribe} method is an instance method with exactly one parameter of a reference
   * type.
   *
   * @see #subscriberMethodsAreWellFormed(String...)
   */
  public static final ArchRule SUBSCRIBER_METHODS_ARE_WELL_FORMED =
      subscriberMethodsAreWellFormed();

  /**
   * No class outside the library may use a type of a package the library does not export (its
   * engine, {@code internal} packages and any other package not in {@link #EXPORTED_PACKAGES}). On
   * the module path the JVM refuses such code; on the class path this rule does.
   *
   * @see #noLibraryInternals(String...)
   */
  public static final ArchRule NO_LIBRARY_INTERNALS = noLibraryInternals();

  private EventBusRules() {}

  /**
   * Returns the rules a migrated code base satisfies, as one rule whose report lists the violations
   * of all: {@link #noLegacyEventBusApi(String...)}, {@link #noLibraryInternals(String...)}, {@link
   * #noStaticEventBus(String...)}, {@link #eventsAreImmutable(String...)} and {@link
   * #subscriberMethodsAreWellFormed(String...)}, each with the same exempt packages.
   *
   * <p>No violation is reported twice: a static field of a legacy bus type and a call of {@code
   * DomainEventBus.getInstance()} are dependencies on a legacy API, which the first rule reports,
   * so the static-bus part of this composite leaves them to it. It still reports a static {@code
   * UnifiedEventBus} and a static bus of an application's own subclass of a legacy bus. {@link
   * #NO_STATIC_EVENT_BUS} alone reports them all.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the composite rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static CompositeArchRule all(String... exemptPackages) {
    return CompositeArchRule.of(noLegacyEventBusApi(exemptPackages))
        .and(noLibraryInternals(exemptPackages))
        .and(staticEventBusRule(exemptPackages, false))
        .and(eventsAreImmutable(exemptPackages))
        .and(subscriberMethodsAreWellFormed(exemptPackages));
  }

  /**
   * Returns a rule that no class outside the legacy APIs and the exempt packages depends on a class
   * in {@value #VM_LEGACY_PACKAGE}, {@value #GUAVA_EVENT_BUS_PACKAGE} or {@value #COMPAT_PACKAGE}
   * (annotations such as Guava's {@code @Subscribe} included).
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noLegacyEventBusApi(String... exemptPackages) {
    return noDependencyOn(
        LEGACY_PACKAGES,
        exemptPackages,
        "vm.core.event, Guava's EventBus and the compat shims of eventbus-compat are legacy"
            + " event-bus APIs; "
            + USE_UNIFIED_BUS
            + " (eventbus-migration-tool's scan lists the uses; LegacyBridges shares one bus"
            + " between old and new code while they are migrated)");
  }

  /**
   * Returns a rule that no class outside the legacy APIs and the exempt packages depends on a class
   * in {@value #VM_LEGACY_PACKAGE}. This includes the classes {@code eventbus-compat} provides
   * there under their original names.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noVmLegacyEventBus(String... exemptPackages) {
    return noDependencyOn(
        List.of(VM_LEGACY_PACKAGE),
        exemptPackages,
        "vm.core.event is the legacy VM event bus; "
            + USE_UNIFIED_BUS
            + " (LegacyBridges.fromDomainEventBus(DomainEventBus) bridges code that still holds"
            + " a legacy bus)");
  }

  /**
   * Returns a rule that no class outside the legacy APIs and the exempt packages depends on a class
   * in {@value #GUAVA_EVENT_BUS_PACKAGE}, annotations such as {@code @Subscribe} included.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noGuavaEventBus(String... exemptPackages) {
    return noDependencyOn(
        List.of(GUAVA_EVENT_BUS_PACKAGE),
        exemptPackages,
        "Guava's EventBus is discouraged by Guava itself; switch its imports to the"
            + " Guava-compatible API of eventbus-compat in dev.eventbus.compat.guava, then "
            + USE_UNIFIED_BUS);
  }

  /**
   * Returns a rule that no class outside the legacy APIs and the exempt packages depends on a class
   * in {@value #COMPAT_PACKAGE}. Use it once a code base has left the compat shims.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noCompatShim(String... exemptPackages) {
    return noDependencyOn(
        List.of(COMPAT_PACKAGE),
        exemptPackages,
        "dev.eventbus.compat is a migration shim, not an API to keep; " + USE_UNIFIED_BUS);
  }

  /**
   * Returns a rule that no class outside the legacy APIs and the exempt packages holds a bus in a
   * static field, constant or not, or calls or takes a method reference to a method named {@value
   * #SINGLETON_ACCESSOR} of a bus class, such as {@code DomainEventBus.getInstance()}.
   *
   * <p>A field holds a bus when its type, a type argument of it or its array component type is
   * assignable to one of the {@link #BUS_TYPES} ({@code static final
   * AtomicReference<UnifiedEventBus>} is a global bus as well); a {@code Class<...>} type token
   * does not count. A bus class is a class assignable to one of the {@link #BUS_TYPES}.
   *
   * <p>This is also a first step for code that still runs on a legacy API, for example through
   * {@code eventbus-compat}: it removes the hidden global bus before the API itself goes.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noStaticEventBus(String... exemptPackages) {
    return staticEventBusRule(exemptPackages, true);
  }

  /**
   * Returns a rule that every class outside the exempt packages that implements {@value
   * #DOMAIN_EVENT} (directly or through {@code vm.core.event.DomainEvent}, which extends it) has
   * only final fields, static ones included, and inherits no non-final field from a superclass that
   * is not an event itself. The event interfaces themselves are not checked; records and enums pass
   * as they are ({@code java.lang.Enum}'s own fields are not checked).
   *
   * <p>A final field may still hold a mutable object, such as a {@code List} the caller keeps: the
   * rule cannot see that, so copy such values in the constructor ({@code List.copyOf}).
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule eventsAreImmutable(String... exemptPackages) {
    DescribedPredicate<JavaClass> events =
        JavaClass.Predicates.assignableTo(DOMAIN_EVENT)
            .and(DescribedPredicate.not(JavaClass.Predicates.INTERFACES))
            .as("implement " + DOMAIN_EVENT + " and are not interfaces");
    return classes()
        .that(outsideOf(exemptPackages, events))
        .should(haveOnlyFinalFields())
        .because(
            "an event is shared by every handler, on several threads and after it was published;"
                + " make every field final (a record does) and copy mutable values such as"
                + " collections in the constructor, then publish it through"
                + " dev.eventbus.api.UnifiedEventBus")
        .allowEmptyShould(true);
  }

  /**
   * Returns a rule that every method annotated with {@value #SUBSCRIBE} in a class outside the
   * exempt packages is not static and takes exactly one parameter, the event, of a reference type.
   * These are the checks {@code UnifiedEventBus.register(listener)} makes at run time, with its
   * wording; any access modifier and any return type are allowed, as there. Bridge and synthetic
   * methods are skipped, as there.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule subscriberMethodsAreWellFormed(String... exemptPackages) {
    DescribedPredicate<JavaMethod> subscribers =
        DescribedPredicate.<JavaMethod>describe(
            "are annotated with @" + SUBSCRIBE,
            method ->
                method.isAnnotatedWith(SUBSCRIBE)
                    && !method.getModifiers().contains(JavaModifier.BRIDGE)
                    && !method.getModifiers().contains(JavaModifier.SYNTHETIC));
    String[] exempt = validated(exemptPackages);
    DescribedPredicate<JavaMethod> checked = subscribers;
    if (exempt.length > 0) {
      PackageMatchers matchers = PackageMatchers.of(exempt);
      checked =
          subscribers
              .and(
                  DescribedPredicate.<JavaMethod>describe(
                      "", method -> !matchers.test(method.getOwner().getPackageName())))
              .as(
                  subscribers.getDescription()
                      + " and are declared in classes that reside outside of packages "
                      + quoted(exempt));
    }
    return methods()
        .that(checked)
        .should(beWellFormedSubscribers())
        .because(
            "UnifiedEventBus.register(listener) rejects such a method at run time; declare an"
                + " instance method whose one parameter is the event (an object, not a primitive:"
                + " publish an event record instead)")
        .allowEmptyShould(true);
  }

  /**
   * Returns {@link #NO_LIBRARY_INTERNALS} with exemptions.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noLibraryInternals(String... exemptPackages) {
    String[] exempt = validated(exemptPackages);
    String[] skipped = new String[exempt.length + 2];
    skipped[0] = LIBRARY_PACKAGE;
    skipped[1] = VM_LEGACY_PACKAGE;
    System.arraycopy(exempt, 0, skipped, 2, exempt.length);
    DescribedPredicate<JavaClass> internal =
        JavaClass.Predicates.resideInAPackage(LIBRARY_PACKAGE)
            .and(
                DescribedPredicate.not(
                    JavaClass.Predicates.resideInAnyPackage(
                        EXPORTED_PACKAGES.toArray(String[]::new))))
            .as("are internal to the unified event bus (not in its exported packages)");
    return noClasses()
        .that()
        .resideOutsideOfPackages(skipped)
        .should()
        .dependOnClassesThat(internal)
        .because(
            "a library's unexported packages may change in any release; build buses with"
                + " dev.eventbus.processors.EventBusFactory and use the types of its exported"
                + " packages")
        .allowEmptyShould(true);
  }

  private static ArchRule noDependencyOn(
      List<String> forbiddenPackages, String[] exemptPackages, String reason) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(legacyAnd(exemptPackages))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbiddenPackages.toArray(String[]::new))
        .because(reason)
        .allowEmptyShould(true);
  }

  /**
   * The static-bus rule; without {@code reportLegacyTypes} it leaves out what {@link
   * #noLegacyEventBusApi(String...)} reports anyway (a field of a legacy bus type, a call of a
   * legacy bus's accessor), for {@link #all(String...)}.
   */
  private static ArchRule staticEventBusRule(String[] exemptPackages, boolean reportLegacyTypes) {
    String what =
        "hold an event bus in a static field nor call "
            + SINGLETON_ACCESSOR
            + "() of an event-bus class"
            + (reportLegacyTypes
                ? ""
                : " (except the legacy APIs' own bus types, which depending on the legacy API"
                    + " already reports)");
    return classes()
        .that()
        .resideOutsideOfPackages(legacyAnd(exemptPackages))
        .should(notAccessAStaticBus("not " + what, reportLegacyTypes))
        .because(
            "a bus in a static field or behind "
                + SINGLETON_ACCESSOR
                + "() is hidden global state that tests cannot replace; take a"
                + " dev.eventbus.api.UnifiedEventBus as a constructor parameter instead, built"
                + " once by EventBusFactory where the application is wired")
        .allowEmptyShould(true);
  }

  private static ArchCondition<JavaClass> notAccessAStaticBus(
      String description, boolean reportLegacyTypes) {
    PackageMatchers legacy = PackageMatchers.of(LEGACY_PACKAGES);
    return new ArchCondition<>(description) {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaField field : javaClass.getFields()) {
          if (!field.getModifiers().contains(JavaModifier.STATIC)
              || field.getRawType().isEquivalentTo(Class.class)) {
            continue;
          }
          Optional<JavaClass> bus = busTypeIn(field);
          if (bus.isPresent() && (reportLegacyTypes || !legacy.test(bus.get().getPackageName()))) {
            events.add(
                SimpleConditionEvent.violated(
                    field,
                    ConditionEvent.createMessage(
                        field, "is static and holds a bus (" + bus.get().getName() + ")")));
          }
        }
        for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
          AccessTarget target = access.getTarget();
          boolean isMethod =
              target instanceof AccessTarget.MethodCallTarget
                  || target instanceof AccessTarget.MethodReferenceTarget;
          if (isMethod
              && SINGLETON_ACCESSOR.equals(target.getName())
              && isBus(target.getOwner())
              && (reportLegacyTypes || !legacy.test(target.getOwner().getPackageName()))) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  private static Optional<JavaClass> busTypeIn(JavaField field) {
    return field.getAllInvolvedRawTypes().stream()
        .map(type -> type.isArray() ? type.getBaseComponentType() : type)
        .filter(EventBusRules::isBus)
        .findFirst();
  }

  private static boolean isBus(JavaClass type) {
    for (String busType : BUS_TYPES) {
      if (type.isAssignableTo(busType)) {
        return true;
      }
    }
    return false;
  }

  private static ArchCondition<JavaClass> haveOnlyFinalFields() {
    return new ArchCondition<>("have only final fields") {
      @Override
      public void check(JavaClass event, ConditionEvents events) {
        for (JavaField field : event.getFields()) {
          if (!field.getModifiers().contains(JavaModifier.FINAL)) {
            events.add(
                SimpleConditionEvent.violated(
                    field,
                    ConditionEvent.createMessage(
                        field, "is not final, so the event can change after it is published")));
          }
        }
        // A superclass that is an event is checked on its own; report each field once.
        // java.lang.Enum's fields are the JDK's: JDK 21+ adds a non-final cache of the constant's
        // hash code there, which is no state of the event.
        for (JavaClass superclass : event.getAllRawSuperclasses()) {
          if (superclass.isAssignableTo(DOMAIN_EVENT) || superclass.isEquivalentTo(Enum.class)) {
            continue;
          }
          for (JavaField field : superclass.getFields()) {
            if (!field.getModifiers().contains(JavaModifier.FINAL)) {
              events.add(
                  SimpleConditionEvent.violated(
                      event,
                      ConditionEvent.createMessage(
                          event,
                          "inherits the field "
                              + field.getFullName()
                              + ", which is not final, so the event can change after it is"
                              + " published")));
            }
          }
        }
      }
    };
  }

  private static ArchCondition<JavaMethod> beWellFormedSubscribers() {
    return new ArchCondition<>(
        "be instance methods with exactly one parameter of a reference type") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        List<String> problems = new ArrayList<>();
        List<JavaClass> parameters = method.getRawParameterTypes();
        if (parameters.size() != 1) {
          problems.add("must have exactly one parameter, the event, but has " + parameters.size());
        }
        if (method.getModifiers().contains(JavaModifier.STATIC)) {
          problems.add("must not be static: it is called on the registered listener");
        }
        if (parameters.size() == 1 && parameters.get(0).isPrimitive()) {
          problems.add(
              "must take a reference type, not the primitive "
                  + parameters.get(0).getName()
                  + ": events are objects");
        }
        if (!problems.isEmpty()) {
          events.add(
              SimpleConditionEvent.violated(
                  method,
                  "@Subscribe method "
                      + method.getOwner().getName()
                      + '#'
                      + method.getName()
                      + parameters.stream()
                          .map(JavaClass::getSimpleName)
                          .collect(Collectors.joining(", ", "(", ")"))
                      + ' '
                      + String.join("; ", problems)
                      + " in "
                      + method.getSourceCodeLocation()));
        }
      }
    };
  }

  private static DescribedPredicate<JavaClass> outsideOf(
      String[] exemptPackages, DescribedPredicate<JavaClass> predicate) {
    String[] exempt = validated(exemptPackages);
    if (exempt.length == 0) {
      return predicate;
    }
    return predicate
        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(exempt)))
        .as(predicate.getDescription() + " and reside outside of packages " + quoted(exempt));
  }

  private static String quoted(String[] packages) {
    return Arrays.stream(packages)
        .map(p -> "'" + p + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String[] legacyAnd(String[] exemptPackages) {
    String[] exempt = validated(exemptPackages);
    String[] result = new String[LEGACY_PACKAGES.size() + exempt.length];
    for (int i = 0; i < LEGACY_PACKAGES.size(); i++) {
      result[i] = LEGACY_PACKAGES.get(i);
    }
    System.arraycopy(exempt, 0, result, LEGACY_PACKAGES.size(), exempt.length);
    return result;
  }

  /** A copy of the exempt packages, each checked for {@code null} and well-formedness. */
  private static String[] validated(String[] exemptPackages) {
    requireNonNull(exemptPackages, "exemptPackages");
    String[] copy = exemptPackages.clone();
    for (int i = 0; i < copy.length; i++) {
      PackageMatcher.of(requireNonNull(copy[i], "exemptPackages[" + i + "]"));
    }
    return copy;
  }
}
