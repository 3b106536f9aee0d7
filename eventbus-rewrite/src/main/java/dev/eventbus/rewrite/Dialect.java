package dev.eventbus.rewrite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One legacy API as the recipes see it, built from {@link MigrationRules}: the packages read as
 * that API, the bus type, and what the native step makes of its types, methods and annotations.
 *
 * @param api the package whose rules' reasons are given (Guava's or {@code vm.core.event})
 * @param packages the packages read as the API (Guava's and the compat shim's, or one of them)
 * @param bus the simple name of the bus type ({@code EventBus}, {@code DomainEventBus})
 * @param nativeTypes simple name to native type, for the types the native step rewrites
 * @param keptTypes simple names that stay (eventbus-compat has them) without blocking the move
 * @param removedAnnotations simple names of annotations the native step removes
 * @param renamedMethods bus methods renamed on the native bus
 * @param sameMethods bus methods that are the same call on the native bus
 * @param subscribe the simple name of the subscriber annotation, if the API has one
 */
record Dialect(
    String api,
    List<String> packages,
    String bus,
    Map<String, String> nativeTypes,
    Set<String> keptTypes,
    Set<String> removedAnnotations,
    Map<String, String> renamedMethods,
    Set<String> sameMethods,
    @Nullable String subscribe) {

  /** Guava's package and the compat shim's (which is Guava's API too). */
  static final Dialect GUAVA =
      guava(List.of(MigrationRules.GUAVA_PACKAGE, MigrationRules.COMPAT_GUAVA_PACKAGE));

  /** The compat shim's package only: the second step after {@code GuavaToCompat}. */
  static final Dialect COMPAT = guava(List.of(MigrationRules.COMPAT_GUAVA_PACKAGE));

  /** The legacy {@code vm.core.event} buses. */
  static final Dialect VM =
      new Dialect(
          MigrationRules.VM_PACKAGE,
          List.of(MigrationRules.VM_PACKAGE),
          "DomainEventBus",
          MigrationRules.VM_NATIVE_TYPES,
          MigrationRules.VM_KEPT_TYPES,
          Set.of(),
          Map.of(),
          MigrationRules.VM_SAME_METHODS,
          null);

  private static Dialect guava(List<String> packages) {
    return new Dialect(
        MigrationRules.GUAVA_PACKAGE,
        packages,
        "EventBus",
        MigrationRules.GUAVA_NATIVE_TYPES,
        Set.of(),
        MigrationRules.GUAVA_REMOVED_ANNOTATIONS,
        MigrationRules.GUAVA_RENAMED_METHODS,
        MigrationRules.GUAVA_SAME_METHODS,
        "Subscribe");
  }

  /** Whether a fully qualified name is a top-level type of one of the packages. */
  boolean owns(@Nullable String qualified) {
    return qualified != null && packageOf(qualified) != null;
  }

  /** The package of {@code qualified} among this dialect's, or {@code null}. */
  @Nullable String packageOf(String qualified) {
    for (String p : packages) {
      if (qualified.startsWith(p + ".") && qualified.indexOf('.', p.length() + 1) < 0) {
        return p;
      }
    }
    return null;
  }

  /** The simple name of a type of this dialect. */
  static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** Whether the native step rewrites or keeps a type of this dialect without a person. */
  boolean mechanical(String simple) {
    return nativeTypes.containsKey(simple)
        || keptTypes.contains(simple)
        || removedAnnotations.contains(simple);
  }
}
