package dev.eventbus.migration;

import java.util.List;

/**
 * What the scan's parser finds in one file for {@code migrate}: the file's text, and what in it
 * needs a person for either target. (Which file moves where is the recipes' decision.)
 *
 * @param file path relative to the root, with forward slashes
 * @param source the file's text as read
 * @param hasUses whether the file uses a legacy API (or, for a native migration, the compat shim)
 * @param leftAlone whether neither step may touch the file: it reflects into Guava's package, or
 *     writes a name with a unicode escape (which javac translates and the scan's parser does not)
 * @param compatEdits the edits of the compat step
 * @param compatProblems uses the compat step cannot rewrite
 * @param nativeBlockers uses without a mechanical native equivalent
 * @param nativeLeftovers uses the native step keeps on purpose, e.g. {@code VmException}
 */
record FilePlan(
    String file,
    String source,
    boolean hasUses,
    boolean leftAlone,
    List<TextEdit> compatEdits,
    List<ManualStep> compatProblems,
    List<ManualStep> nativeBlockers,
    List<ManualStep> nativeLeftovers) {}
