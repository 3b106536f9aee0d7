package dev.eventbus.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JRightPadded;
import org.openrewrite.java.tree.Space;

/**
 * Puts the imports a step added where the file's own import order puts them, the migration tool's
 * rule (its README, "Imports in the file's order"): groups are runs of imports without a blank line
 * between them; an added import joins the group sharing the most leading package names with it,
 * else a group of mixed packages, else a new group at the end of the non-static imports; a file
 * with one group has them all in it. Within a group sorted in ASCII order it takes its sorted
 * place, otherwise the group's end. Every other import stays where it is. An added import whose
 * name the code does not write (a changed type that only {@code var} declares) is dropped.
 */
final class ImportOrder {

  private ImportOrder() {}

  static J.CompilationUnit placeAdded(J.CompilationUnit original, J.CompilationUnit changed) {
    Set<String> before = new HashSet<>();
    for (J.Import anImport : original.getImports()) {
      before.add(key(anImport));
    }
    List<JRightPadded<J.Import>> kept = new ArrayList<>();
    List<JRightPadded<J.Import>> added = new ArrayList<>();
    String body = changed.withImports(List.of()).printAll();
    for (JRightPadded<J.Import> padded : changed.getPadding().getImports()) {
      if (!before.contains(key(padded.getElement())) && !padded.getElement().isStatic()) {
        String simple = padded.getElement().getQualid().getSimpleName();
        if (Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(body).find()) {
          added.add(padded); // else unused: a type the step changed where only var names it
        }
      } else {
        kept.add(padded);
      }
    }
    if (changed.getImports().isEmpty()) {
      return changed;
    }
    Space firstPrefix = changed.getPadding().getImports().get(0).getElement().getPrefix();
    if (kept.stream().noneMatch(p -> !p.getElement().isStatic())) {
      // No order of the file's own to follow: the order the import step chose, less unused ones.
      List<JRightPadded<J.Import>> all = new ArrayList<>();
      for (JRightPadded<J.Import> padded : changed.getPadding().getImports()) {
        if (kept.contains(padded) || added.contains(padded)) {
          all.add(padded);
        }
      }
      return all.size() == changed.getImports().size()
          ? changed
          : changed.getPadding().withImports(withFirstPrefix(all, firstPrefix));
    }
    List<JRightPadded<J.Import>> imports = withFirstPrefix(new ArrayList<>(kept), firstPrefix);
    boolean oneGroup = groups(original.getPadding().getImports()).size() == 1;
    for (JRightPadded<J.Import> add : added) {
      place(imports, add, oneGroup);
    }
    return changed.getPadding().withImports(imports);
  }

  private static void place(
      List<JRightPadded<J.Import>> imports, JRightPadded<J.Import> add, boolean oneGroup) {
    String name = add.getElement().getTypeName();
    List<int[]> groups = groups(imports);
    int[] target = null;
    if (oneGroup && groups.size() == 1) {
      target = groups.get(0);
    } else {
      int best = 0;
      for (int[] group : groups) {
        for (int i = group[0]; i < group[1]; i++) {
          int shared = shared(name, imports.get(i).getElement().getTypeName());
          if (shared > best) {
            best = shared;
            target = group;
          }
        }
      }
      if (target == null) {
        for (int[] group : groups) {
          if (mixed(imports, group)) {
            target = group;
            break;
          }
        }
      }
    }
    Space line = Space.format("\n");
    if (target == null) {
      int[] last = groups.get(groups.size() - 1);
      imports.add(last[1], add.withElement(add.getElement().withPrefix(Space.format("\n\n"))));
      return;
    }
    int at = target[1];
    if (sorted(imports, target)) {
      for (int i = target[0]; i < target[1]; i++) {
        if (imports.get(i).getElement().getTypeName().compareTo(name) > 0) {
          at = i;
          break;
        }
      }
    }
    if (at == target[0]) {
      J.Import first = imports.get(at).getElement();
      imports.set(at, imports.get(at).withElement(first.withPrefix(line)));
      imports.add(at, add.withElement(add.getElement().withPrefix(first.getPrefix())));
    } else {
      imports.add(at, add.withElement(add.getElement().withPrefix(line)));
    }
  }

  private static List<JRightPadded<J.Import>> withFirstPrefix(
      List<JRightPadded<J.Import>> imports, Space prefix) {
    if (!imports.isEmpty()) {
      imports.set(0, imports.get(0).withElement(imports.get(0).getElement().withPrefix(prefix)));
    }
    return imports;
  }

  /** The runs of non-static imports without a blank line between them, as [from, to). */
  private static List<int[]> groups(List<JRightPadded<J.Import>> imports) {
    List<int[]> groups = new ArrayList<>();
    int[] open = null;
    for (int i = 0; i < imports.size(); i++) {
      J.Import anImport = imports.get(i).getElement();
      boolean blank =
          anImport.getPrefix().getWhitespace().chars().filter(c -> c == '\n').count() > 1;
      if (anImport.isStatic()) {
        open = null;
        continue;
      }
      if (open == null || blank) {
        open = new int[] {i, i + 1};
        groups.add(open);
      } else {
        open[1] = i + 1;
      }
    }
    return groups;
  }

  private static int shared(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int n = 0;
    while (n < x.length - 1 && n < y.length - 1 && x[n].equals(y[n])) {
      n++;
    }
    return n;
  }

  private static boolean mixed(List<JRightPadded<J.Import>> imports, int[] group) {
    @Nullable String first = null;
    for (int i = group[0]; i < group[1]; i++) {
      String head = imports.get(i).getElement().getTypeName().split("\\.")[0];
      if (first == null) {
        first = head;
      } else if (!first.equals(head)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sorted(List<JRightPadded<J.Import>> imports, int[] group) {
    for (int i = group[0] + 1; i < group[1]; i++) {
      if (imports
              .get(i - 1)
              .getElement()
              .getTypeName()
              .compareTo(imports.get(i).getElement().getTypeName())
          > 0) {
        return false;
      }
    }
    return true;
  }

  private static String key(J.Import anImport) {
    return (anImport.isStatic() ? "static " : "") + anImport.getQualid().toString();
  }
}
