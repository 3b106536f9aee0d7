package dev.eventbus.migration.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.Objects.requireNonNull;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * ArchUnit rules that fail when code depends on a legacy event-bus API, so that a code base
 * migrated to {@code dev.eventbus.api.UnifiedEventBus} stays migrated.
 *
 * <p>The legacy APIs are:
 *
 * <ul>
 *   <li>the VM project's own buses in {@value #LEGACY_VM_EVENT_BUS_PACKAGE} ({@code
 *       DomainEventBus}, {@code AsyncEventBus} and their types), including the process-wide
 *       singleton {@code DomainEventBus.getInstance()};
 *   <li>Guava's {@code EventBus} in {@value #GUAVA_EVENT_BUS_PACKAGE};
 *   <li>the Guava-compatible shim of {@code eventbus-compat} in {@value #COMPAT_PACKAGE}, which is
 *       a stepping stone and has no place in a code base that finished migrating.
 * </ul>
 *
 * <p>Typical use in a user's test, with a {@code ClassFileImporter} or ArchUnit's JUnit support:
 *
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter().importPackages("com.acme");
 * LegacyEventBusRules.FULLY_MIGRATED.check(classes);
 * }</pre>
 *
 * <p><b>Exemptions.</b> The constants check every imported class. The factory methods of the same
 * names take ArchUnit package identifiers (for example {@code "com.acme.legacy.."}) whose classes
 * are not checked, for code that is knowingly left on a legacy API. A rule never checks the classes
 * of the package it forbids: the legacy API may use itself.
 *
 * <p><b>Gradual adoption.</b> A code base with many legacy uses can freeze them and fail only on
 * new ones: wrap any of these rules in {@link FreezingArchRule#freeze(ArchRule)}. ArchUnit then
 * records the current violations in its violation store on the first run and, on later runs,
 * reports only violations that are not recorded, and removes recorded ones that were fixed. The
 * default store writes to {@code archunit_store/} and must be allowed to create itself with {@code
 * freeze.store.default.allowStoreCreation=true} in {@code archunit.properties}. The store is keyed
 * by {@link ArchRule#getDescription() rule description}, which includes the exempt packages and the
 * reason: a rule whose description changes, by a new exemption or a new release of these rules, is
 * a new rule to the store, which freezes its violations afresh on the next run.
 *
 * <p><b>Empty code bases.</b> Every rule allows an empty {@code should}: it passes when no imported
 * class is left to check, for example when only exempt or legacy classes were imported.
 *
 * <p><b>Thread safety.</b> The rules are immutable and may be shared and evaluated from many
 * threads at once. This class has no state.
 *
 * @since 0.1
 */
public final class LegacyEventBusRules {

  /** ArchUnit package identifier of the VM project's legacy buses. */
  public static final String LEGACY_VM_EVENT_BUS_PACKAGE = "vm.core.event..";

  /** ArchUnit package identifier of Guava's event bus. */
  public static final String GUAVA_EVENT_BUS_PACKAGE = "com.google.common.eventbus..";

  /** ArchUnit package identifier of the compat shim shipped by {@code eventbus-compat}. */
  public static final String COMPAT_PACKAGE = "dev.eventbus.compat..";

  /** Name of the static accessor of the legacy process-wide bus singleton. */
  public static final String LEGACY_SINGLETON_ACCESSOR = "getInstance";

  private static final String USE_UNIFIED_BUS =
      "publish and subscribe through dev.eventbus.api.UnifiedEventBus, injected where it is needed"
          + " and built once by EventBusFactory";

  /**
   * No class may depend on a class in {@value #LEGACY_VM_EVENT_BUS_PACKAGE}.
   *
   * @see #noLegacyVmEventBus(String...)
   */
  public static final ArchRule NO_LEGACY_VM_EVENT_BUS = noLegacyVmEventBus();

  /**
   * No class may depend on a class in {@value #GUAVA_EVENT_BUS_PACKAGE}.
   *
   * @see #noGuavaEventBus(String...)
   */
  public static final ArchRule NO_GUAVA_EVENT_BUS = noGuavaEventBus();

  /**
   * No class may depend on a class in {@value #COMPAT_PACKAGE}.
   *
   * @see #noGuavaCompatEventBus(String...)
   */
  public static final ArchRule NO_GUAVA_COMPAT_EVENT_BUS = noGuavaCompatEventBus();

  /**
   * No class may call or reference a method named {@value #LEGACY_SINGLETON_ACCESSOR} of a class in
   * {@value #LEGACY_VM_EVENT_BUS_PACKAGE}.
   *
   * @see #noStaticEventBusSingletons(String...)
   */
  public static final ArchRule NO_STATIC_EVENT_BUS_SINGLETONS = noStaticEventBusSingletons();

  /**
   * {@link #NO_LEGACY_VM_EVENT_BUS}, {@link #NO_GUAVA_EVENT_BUS} and {@link
   * #NO_GUAVA_COMPAT_EVENT_BUS} together.
   *
   * @see #fullyMigrated(String...)
   */
  public static final CompositeArchRule FULLY_MIGRATED = fullyMigrated();

  private LegacyEventBusRules() {}

  /**
   * Returns a rule that no class outside {@value #LEGACY_VM_EVENT_BUS_PACKAGE} and the exempt
   * packages depends on a class in {@value #LEGACY_VM_EVENT_BUS_PACKAGE}. This includes the classes
   * {@code eventbus-compat} provides there under their original names.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noLegacyVmEventBus(String... exemptPackages) {
    return noDependencyOn(
        LEGACY_VM_EVENT_BUS_PACKAGE,
        exemptPackages,
        "vm.core.event is the legacy VM event bus; "
            + USE_UNIFIED_BUS
            + " (EventBusFactory.fromDomainEventBus(DomainEventBus) bridges code that still holds"
            + " a legacy bus)");
  }

  /**
   * Returns a rule that no class outside {@value #GUAVA_EVENT_BUS_PACKAGE} and the exempt packages
   * depends on a class in {@value #GUAVA_EVENT_BUS_PACKAGE}, annotations such as {@code @Subscribe}
   * included.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noGuavaEventBus(String... exemptPackages) {
    return noDependencyOn(
        GUAVA_EVENT_BUS_PACKAGE,
        exemptPackages,
        "Guava's EventBus is discouraged by Guava itself; switch its imports to the"
            + " Guava-compatible API of eventbus-compat in dev.eventbus.compat, then "
            + USE_UNIFIED_BUS);
  }

  /**
   * Returns a rule that no class outside {@value #COMPAT_PACKAGE} and the exempt packages depends
   * on a class in {@value #COMPAT_PACKAGE}. Use it once a code base has left the compat shim.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noGuavaCompatEventBus(String... exemptPackages) {
    return noDependencyOn(
        COMPAT_PACKAGE,
        exemptPackages,
        "dev.eventbus.compat is a migration shim, not an API to keep; " + USE_UNIFIED_BUS);
  }

  /**
   * Returns a rule that no class outside {@value #LEGACY_VM_EVENT_BUS_PACKAGE} and the exempt
   * packages calls, or takes a method reference to, a method named {@value
   * #LEGACY_SINGLETON_ACCESSOR} of a class in {@value #LEGACY_VM_EVENT_BUS_PACKAGE}, such as {@code
   * DomainEventBus.getInstance()}.
   *
   * <p>This is a first step for code that still runs on the legacy API, for example through {@code
   * eventbus-compat}: it removes the hidden global bus before the API itself goes. {@link
   * #NO_LEGACY_VM_EVENT_BUS} implies it, which is why {@link #FULLY_MIGRATED} leaves it out.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static ArchRule noStaticEventBusSingletons(String... exemptPackages) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(withForbidden(LEGACY_VM_EVENT_BUS_PACKAGE, exemptPackages))
        .should()
        .accessTargetWhere(legacySingletonAccessor())
        .because(
            "DomainEventBus.getInstance() is a hidden process-wide bus; take a"
                + " dev.eventbus.api.UnifiedEventBus as a constructor parameter instead, built"
                + " once by EventBusFactory")
        .allowEmptyShould(true);
  }

  /**
   * Returns {@link #noLegacyVmEventBus(String...)}, {@link #noGuavaEventBus(String...)} and {@link
   * #noGuavaCompatEventBus(String...)} with the same exempt packages, as one rule whose report
   * lists the violations of all three.
   *
   * @param exemptPackages ArchUnit package identifiers whose classes are not checked
   * @return the composite rule; never {@code null}
   * @throws NullPointerException if {@code exemptPackages} or one of its elements is {@code null}
   * @throws IllegalArgumentException if an element is not a valid package identifier
   */
  public static CompositeArchRule fullyMigrated(String... exemptPackages) {
    return CompositeArchRule.of(noLegacyVmEventBus(exemptPackages))
        .and(noGuavaEventBus(exemptPackages))
        .and(noGuavaCompatEventBus(exemptPackages));
  }

  private static ArchRule noDependencyOn(
      String forbiddenPackage, String[] exemptPackages, String reason) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(withForbidden(forbiddenPackage, exemptPackages))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(forbiddenPackage)
        .because(reason)
        .allowEmptyShould(true);
  }

  private static String[] withForbidden(String forbiddenPackage, String[] exemptPackages) {
    requireNonNull(exemptPackages, "exemptPackages");
    String[] result = new String[exemptPackages.length + 1];
    result[0] = forbiddenPackage;
    for (int i = 0; i < exemptPackages.length; i++) {
      result[i + 1] = requireNonNull(exemptPackages[i], "exemptPackages[" + i + "]");
    }
    return result;
  }

  private static DescribedPredicate<JavaAccess<?>> legacySingletonAccessor() {
    PackageMatcher legacyPackage = PackageMatcher.of(LEGACY_VM_EVENT_BUS_PACKAGE);
    return DescribedPredicate.describe(
        "target is method "
            + LEGACY_SINGLETON_ACCESSOR
            + "() of a class in '"
            + LEGACY_VM_EVENT_BUS_PACKAGE
            + "'",
        access -> {
          AccessTarget target = access.getTarget();
          boolean isMethod =
              target instanceof AccessTarget.MethodCallTarget
                  || target instanceof AccessTarget.MethodReferenceTarget;
          return isMethod
              && LEGACY_SINGLETON_ACCESSOR.equals(target.getName())
              && legacyPackage.matches(target.getOwner().getPackageName());
        });
  }
}
