package dev.eventbus.migration;

import java.util.List;
import java.util.Set;

/**
 * What {@code migrate} would do to one file, for either target, before the files are weighed
 * against each other.
 *
 * @param file path relative to the root, with forward slashes
 * @param source the file's text as read
 * @param packageName the file's package, empty for the default package
 * @param declaredTypes simple names of the file's top-level types
 * @param mentionedNames capitalised identifiers the file mentions: the names it may refer to types
 *     of other files by
 * @param hasUses whether the file uses a legacy API (or, for a native migration, the compat shim)
 * @param compatEdits the edits of the compat step
 * @param compatProblems uses the compat step cannot rewrite
 * @param nativeEdits the edits of the native step, when {@code nativeBlockers} is empty
 * @param nativeBlockers uses without a mechanical native equivalent
 * @param nativeLeftovers uses the native step keeps on purpose, e.g. {@code VmException}
 * @param exposesLegacy whether legacy types show in what other files see of this one: non-private
 *     signatures, supertypes, subscriber annotations
 * @param wiring its subscribers, {@code register} calls and supertypes
 */
record FilePlan(
    String file,
    String source,
    String packageName,
    Set<String> declaredTypes,
    Set<String> mentionedNames,
    boolean hasUses,
    List<TextEdit> compatEdits,
    List<ManualStep> compatProblems,
    List<TextEdit> nativeEdits,
    List<ManualStep> nativeBlockers,
    List<ManualStep> nativeLeftovers,
    boolean exposesLegacy,
    Wiring wiring) {

  /** Whether this file refers, by name, to a type {@code other} declares. */
  boolean refersTo(FilePlan other) {
    if (other == this) {
      return false;
    }
    boolean visible =
        packageName.equals(other.packageName)
            || (!other.packageName.isEmpty() && source.contains(other.packageName));
    if (!visible) {
      return false;
    }
    for (String name : other.declaredTypes) {
      if (mentionedNames.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
