package dev.eventbus.migration;

import com.github.javaparser.ast.ImportDeclaration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The imports of one file as written, the order they follow, and the edits that rename, remove and
 * add imports so that each new or renamed one lands where that order puts it while every other
 * import stays where it is.
 *
 * <p>The order is read from the file, as a formatter or checkstyle's {@code ImportOrder} left it:
 *
 * <ul>
 *   <li><b>Static imports</b> above all the others, below them, or among them.
 *   <li><b>Groups</b>: imports separated by blank lines. A group's package is what its imports'
 *       packages have in common; a group of several top-level packages takes everything else.
 *   <li><b>Order within a group</b>: ASCII order, or order ignoring case when more groups are
 *       sorted so. A group sorted neither way is left as it is.
 * </ul>
 *
 * An import goes into the group sharing the most leading package names with it; failing that, into
 * a group of mixed packages; failing that, into a new group at the end of its section, where
 * checkstyle puts imports that match none of its groups. A section (statics or the others) of one
 * group takes every import of its kind. Within a sorted group an import goes before the first one
 * that sorts after it; within an unsorted group after its last import. A renamed import that is in
 * its place under these rules, or in a group that is not sorted, is renamed where it stands, and so
 * is one that shares its line with other code.
 */
final class ImportLayout {

  /**
   * An import to rename.
   *
   * @param declaration the import as written
   * @param name the new imported name, with {@code .*} for an on-demand import
   * @param inPlace the edit that renames it where it stands
   */
  record Rename(ImportDeclaration declaration, String name, TextEdit inPlace) {}

  private static final Comparator<String> ASCII = Comparator.naturalOrder();
  private static final Comparator<String> IGNORING_CASE =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  /** Where static imports stand relative to the others. */
  private enum Statics {
    /** Only one kind is imported. */
    ONE_KIND,
    TOP,
    BOTTOM,
    AMONG
  }

  private enum State {
    KEPT,
    RENAMED_IN_PLACE,
    MOVED,
    REMOVED
  }

  private enum Where {
    BEFORE,
    AFTER,
    REPLACING,
    NEW_GROUP_AFTER
  }

  private final SourceText text;
  private final List<Entry> entries = new ArrayList<>();
  private final List<List<Entry>> groups = new ArrayList<>();
  private final Statics statics;
  private final Comparator<String> order;

  ImportLayout(SourceText text, List<ImportDeclaration> imports) {
    this.text = text;
    int previousLineEnd = -1;
    for (ImportDeclaration declaration : imports) {
      int start = text.start(declaration);
      boolean newGroup =
          groups.isEmpty()
              || (text.lineStart(start) >= previousLineEnd
                  && text.hasBlankLine(previousLineEnd, text.lineStart(start)));
      if (newGroup) {
        groups.add(new ArrayList<>());
      }
      Entry entry =
          new Entry(
              entries.size(),
              declaration,
              declaration.isStatic(),
              nameOf(declaration),
              groups.size() - 1,
              text.standsAlone(declaration));
      entries.add(entry);
      groups.get(groups.size() - 1).add(entry);
      previousLineEnd = text.lineEnd(text.end(declaration));
    }
    this.statics = staticsOf(entries);
    this.order = orderOf();
  }

  /**
   * The edits that rename, remove and add imports.
   *
   * @param renames imports to rename
   * @param removals imports to delete
   * @param additions names to import, not static
   */
  List<TextEdit> edits(
      List<Rename> renames, List<ImportDeclaration> removals, Collection<String> additions) {
    if (entries.isEmpty()) {
      throw new IllegalStateException("a file without imports has no import order");
    }
    Map<Entry, State> states = new HashMap<>();
    Map<Entry, String> names = new HashMap<>();
    for (Entry entry : entries) {
      states.put(entry, State.KEPT);
      names.put(entry, entry.name());
    }
    for (ImportDeclaration removal : removals) {
      states.put(entryOf(removal), State.REMOVED);
    }
    List<TextEdit> edits = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    List<Rename> sorted = new ArrayList<>(renames);
    sorted.sort(Comparator.comparingInt(r -> entryOf(r.declaration()).index()));
    for (Rename rename : sorted) {
      states.put(entryOf(rename.declaration()), State.MOVED);
    }
    for (Rename rename : sorted) {
      Entry entry = entryOf(rename.declaration());
      if (!entry.alone() || staysInPlace(entry, rename.name(), states)) {
        states.put(entry, State.RENAMED_IN_PLACE);
        names.put(entry, rename.name());
        edits.add(rename.inPlace());
      } else {
        pending.add(new Pending(entry.isStatic(), rename.name(), movedText(rename), entry));
      }
    }
    for (String addition : additions) {
      pending.add(new Pending(false, addition, "import " + addition + ";", null));
    }

    Map<Anchor, List<Pending>> anchors = new LinkedHashMap<>();
    for (Pending each : pending) {
      anchors.computeIfAbsent(place(each, states, names), k -> new ArrayList<>()).add(each);
    }
    for (Entry entry : entries) {
      State state = states.get(entry);
      if ((state == State.MOVED || state == State.REMOVED)
          && !anchors.containsKey(new Anchor(Where.REPLACING, entry))) {
        edits.add(text.deletion(entry.declaration()));
      }
    }
    edits.addAll(insertions(anchors));
    edits.addAll(emptiedSeparators(states, anchors));
    return edits;
  }

  // ------------------------------------------------------------------ reading the file's order

  private static String nameOf(ImportDeclaration declaration) {
    return declaration.getNameAsString() + (declaration.isAsterisk() ? ".*" : "");
  }

  private static Statics staticsOf(List<Entry> entries) {
    int firstStatic = Integer.MAX_VALUE;
    int lastStatic = -1;
    int firstOther = Integer.MAX_VALUE;
    int lastOther = -1;
    for (Entry entry : entries) {
      if (entry.isStatic()) {
        firstStatic = Math.min(firstStatic, entry.index());
        lastStatic = entry.index();
      } else {
        firstOther = Math.min(firstOther, entry.index());
        lastOther = entry.index();
      }
    }
    if (lastStatic < 0 || lastOther < 0) {
      return Statics.ONE_KIND;
    }
    if (lastStatic < firstOther) {
      return Statics.TOP;
    }
    return lastOther < firstStatic ? Statics.BOTTOM : Statics.AMONG;
  }

  /** ASCII order, unless more groups are sorted ignoring case than in ASCII order. */
  private Comparator<String> orderOf() {
    int ascii = 0;
    int ignoringCase = 0;
    for (boolean isStatic : new boolean[] {true, false}) {
      for (List<Entry> group : section(isStatic)) {
        if (group.size() > 1) {
          List<String> names = group.stream().map(Entry::name).toList();
          ascii += isSorted(names, ASCII) ? 1 : 0;
          ignoringCase += isSorted(names, IGNORING_CASE) ? 1 : 0;
        }
      }
      if (statics == Statics.AMONG) {
        break;
      }
    }
    return ignoringCase > ascii ? IGNORING_CASE : ASCII;
  }

  private static boolean isSorted(List<String> names, Comparator<String> order) {
    for (int i = 1; i < names.size(); i++) {
      if (order.compare(names.get(i - 1), names.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The groups holding imports of the kind, each cut to the imports of that kind, in file order.
   */
  private List<List<Entry>> section(boolean isStatic) {
    List<List<Entry>> section = new ArrayList<>();
    for (List<Entry> group : groups) {
      List<Entry> ofKind = new ArrayList<>();
      for (Entry entry : group) {
        if (statics == Statics.AMONG || entry.isStatic() == isStatic) {
          ofKind.add(entry);
        }
      }
      if (!ofKind.isEmpty()) {
        section.add(ofKind);
      }
    }
    return section;
  }

  /** The package names all imports of a group share, leading ones first; empty if mixed. */
  private static List<String> packageOf(List<Entry> group) {
    List<String> common = packageNames(group.get(0).name());
    for (Entry entry : group) {
      List<String> names = packageNames(entry.name());
      int shared = shared(common, names);
      common = common.subList(0, shared);
    }
    return common;
  }

  private static List<String> packageNames(String name) {
    List<String> parts = Arrays.asList(name.split("\\."));
    return parts.subList(0, Math.max(0, parts.size() - 1));
  }

  private static int shared(List<String> a, List<String> b) {
    int shared = 0;
    while (shared < a.size() && shared < b.size() && a.get(shared).equals(b.get(shared))) {
      shared++;
    }
    return shared;
  }

  // ------------------------------------------------------------------ placing

  /** The group an import of that kind and name belongs to; {@code null} for a new one. */
  private @Nullable List<Entry> groupFor(
      boolean isStatic, String name, @Nullable Entry origin, Map<Entry, State> states) {
    List<List<Entry>> section = section(isStatic);
    if (section.size() == 1) {
      return section.get(0);
    }
    List<String> packageNames = packageNames(name);
    List<List<Entry>> best = new ArrayList<>();
    int bestScore = 0;
    List<List<Entry>> mixed = new ArrayList<>();
    for (List<Entry> group : section) {
      List<String> common = packageOf(group);
      if (common.isEmpty()) {
        mixed.add(group);
        continue;
      }
      int score = shared(common, packageNames);
      if (score > bestScore) {
        best.clear();
        bestScore = score;
      }
      if (score == bestScore && score > 0) {
        best.add(group);
      }
    }
    List<List<Entry>> candidates = best.isEmpty() ? mixed : best;
    if (candidates.isEmpty()) {
      return null;
    }
    // Ties: the group the import comes from (or, for a new one, the group of a removed import),
    // then the first.
    for (List<Entry> group : candidates) {
      for (Entry entry : group) {
        if (origin != null ? entry == origin : states.get(entry) == State.REMOVED) {
          return group;
        }
      }
    }
    return candidates.get(0);
  }

  /** Whether a renamed import is already where the order puts it. */
  private boolean staysInPlace(Entry entry, String name, Map<Entry, State> states) {
    List<Entry> group = groupFor(entry.isStatic(), name, entry, states);
    List<Entry> own = groupOf(entry);
    if (group == null) {
      // A new group at the end of the section: the import's own group is that, if it is the last
      // and holds nothing the step leaves alone.
      List<List<Entry>> section = section(entry.isStatic());
      return section.get(section.size() - 1).equals(own)
          && own.stream().noneMatch(e -> states.get(e) == State.KEPT);
    }
    if (!group.equals(own)) {
      return false;
    }
    if (!isSorted(group.stream().map(Entry::name).toList(), order)) {
      return true;
    }
    for (Entry other : group) {
      if (states.get(other) != State.KEPT) {
        continue;
      }
      int comparison = order.compare(other.name(), name);
      if ((other.index() < entry.index() && comparison > 0)
          || (other.index() > entry.index() && comparison < 0)) {
        return false;
      }
    }
    return true;
  }

  private Anchor place(Pending pending, Map<Entry, State> states, Map<Entry, String> names) {
    List<Entry> group = groupFor(pending.isStatic(), pending.name(), pending.origin(), states);
    if (group == null) {
      List<List<Entry>> section = section(pending.isStatic());
      List<Entry> all = section.isEmpty() ? entries : flatten(section);
      Entry last = null;
      for (Entry entry : all) {
        if (stays(states.get(entry))) {
          last = entry;
        }
      }
      return last != null
          ? new Anchor(Where.NEW_GROUP_AFTER, last)
          : new Anchor(Where.REPLACING, all.get(0));
    }
    List<Entry> staying = group.stream().filter(e -> stays(states.get(e))).toList();
    if (staying.isEmpty()) {
      return new Anchor(Where.REPLACING, group.get(0));
    }
    if (!isSorted(group.stream().map(Entry::name).toList(), order)) {
      return new Anchor(Where.AFTER, staying.get(staying.size() - 1));
    }
    Entry before = null;
    for (Entry entry : staying) {
      if (order.compare(names.get(entry), pending.name()) < 0) {
        before = entry;
      }
    }
    return before != null
        ? new Anchor(Where.AFTER, before)
        : new Anchor(Where.BEFORE, staying.get(0));
  }

  private static boolean stays(State state) {
    return state == State.KEPT || state == State.RENAMED_IN_PLACE;
  }

  private static List<Entry> flatten(List<List<Entry>> section) {
    return section.stream().flatMap(List::stream).toList();
  }

  private List<Entry> groupOf(Entry entry) {
    List<List<Entry>> section = section(entry.isStatic());
    for (List<Entry> group : section) {
      if (group.contains(entry)) {
        return group;
      }
    }
    throw new IllegalStateException("an import outside its section: " + entry.name());
  }

  private Entry entryOf(ImportDeclaration declaration) {
    for (Entry entry : entries) {
      if (entry.declaration() == declaration) {
        return entry;
      }
    }
    throw new IllegalArgumentException("not an import of this file: " + declaration);
  }

  // ------------------------------------------------------------------ writing

  private String movedText(Rename rename) {
    int start = text.start(rename.declaration());
    String written = text.textOf(rename.declaration());
    TextEdit edit = rename.inPlace();
    return written.substring(0, edit.start() - start)
        + edit.replacement()
        + written.substring(edit.end() - start);
  }

  private List<TextEdit> insertions(Map<Anchor, List<Pending>> anchors) {
    String separator = text.lineSeparator();
    Map<Integer, StringBuilder> inserted = new TreeMap<>();
    List<TextEdit> edits = new ArrayList<>();
    // New groups last, so that a group continued after an import comes before a new one there.
    for (boolean newGroups : new boolean[] {false, true}) {
      anchors.forEach(
          (anchor, imports) -> {
            if ((anchor.where() == Where.NEW_GROUP_AFTER) != newGroups) {
              return;
            }
            List<String> lines =
                imports.stream()
                    .sorted(Comparator.comparing(Pending::name, order))
                    .map(Pending::text)
                    .toList();
            String joined = String.join(separator, lines);
            Entry at = anchor.entry();
            int end = text.end(at.declaration());
            switch (anchor.where()) {
              case BEFORE ->
                  inserted
                      .computeIfAbsent(
                          text.lineStart(text.start(at.declaration())), k -> new StringBuilder())
                      .append(joined)
                      .append(separator);
              case AFTER ->
                  inserted
                      .computeIfAbsent(text.lineContentEnd(end), k -> new StringBuilder())
                      .append(separator)
                      .append(joined);
              case NEW_GROUP_AFTER ->
                  inserted
                      .computeIfAbsent(text.lineContentEnd(end), k -> new StringBuilder())
                      .append(separator)
                      .append(separator)
                      .append(joined);
              case REPLACING -> edits.add(new TextEdit(text.start(at.declaration()), end, joined));
            }
          });
    }
    inserted.forEach((at, insert) -> edits.add(TextEdit.insert(at, insert.toString())));
    return edits;
  }

  /**
   * Deletes the blank lines that separated a group nothing is left of: between two groups that
   * remain, only the blank lines just before the second stay.
   */
  private List<TextEdit> emptiedSeparators(
      Map<Entry, State> states, Map<Anchor, List<Pending>> anchors) {
    boolean[] remains = new boolean[groups.size()];
    for (Entry entry : entries) {
      remains[entry.group()] |= stays(states.get(entry));
    }
    for (Anchor anchor : anchors.keySet()) {
      if (anchor.where() != Where.NEW_GROUP_AFTER) {
        remains[anchor.entry().group()] = true;
      }
    }
    List<TextEdit> edits = new ArrayList<>();
    boolean seenRemaining = false;
    for (int i = 0; i + 1 < groups.size(); i++) {
      seenRemaining |= remains[i];
      if (seenRemaining && remains[i + 1]) {
        continue;
      }
      List<Entry> group = groups.get(i);
      int from = text.lineEnd(text.end(group.get(group.size() - 1).declaration()));
      int to = text.lineStart(text.start(groups.get(i + 1).get(0).declaration()));
      if (from < to && text.text().substring(from, to).isBlank()) {
        edits.add(new TextEdit(from, to, ""));
      }
    }
    return edits;
  }

  /** One import as written: its position, kind, name, group, and whether it has its line alone. */
  private record Entry(
      int index,
      ImportDeclaration declaration,
      boolean isStatic,
      String name,
      int group,
      boolean alone) {}

  /** An import to write: its kind, name and text, and the import it was, if renamed. */
  private record Pending(boolean isStatic, String name, String text, @Nullable Entry origin) {}

  /** Where imports are written, relative to an import of the file. */
  private record Anchor(Where where, Entry entry) {}
}
