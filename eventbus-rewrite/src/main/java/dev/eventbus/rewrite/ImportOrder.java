package dev.eventbus.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * place, otherwise the group's end. Every other import stays where it was, with its own spacing and
 * comments; a group left empty goes with its blank line. An added import whose name the code does
 * not write (a changed type that only {@code var} declares) is dropped.
 */
final class ImportOrder {

  private ImportOrder() {}

  static J.CompilationUnit placeAdded(J.CompilationUnit original, J.CompilationUnit changed) {
    if (changed.getImports().isEmpty() || original.getImports().isEmpty()) {
      return changed;
    }
    String nl = original.printAll().contains("\r\n") ? "\r\n" : "\n";
    Map<String, JRightPadded<J.Import>> now = new LinkedHashMap<>();
    for (JRightPadded<J.Import> padded : changed.getPadding().getImports()) {
      now.put(key(padded.getElement()), padded);
    }
    // The imports that stay, in the file's order with the file's spacing: one that went hands its
    // group's blank line (or its comment) to the next one of its group.
    List<JRightPadded<J.Import>> imports = new ArrayList<>();
    Set<String> before = new HashSet<>();
    Space carry = null;
    List<JRightPadded<J.Import>> originals = original.getPadding().getImports();
    for (int k = 0; k < originals.size(); k++) {
      J.Import old = originals.get(k).getElement();
      before.add(key(old));
      boolean startsGroup = k == 0 || blank(old.getPrefix());
      if (startsGroup) {
        carry = null;
      }
      JRightPadded<J.Import> kept = now.get(key(old));
      if (kept == null) {
        if (startsGroup || !old.getPrefix().getComments().isEmpty()) {
          carry = old.getPrefix();
        }
        continue;
      }
      Space prefix = carry != null ? carry : old.getPrefix();
      carry = null;
      imports.add(kept.withElement(kept.getElement().withPrefix(prefix)));
    }
    String body = changed.withImports(List.of()).printAll();
    List<JRightPadded<J.Import>> added = new ArrayList<>();
    for (JRightPadded<J.Import> padded : now.values()) {
      J.Import anImport = padded.getElement();
      if (before.contains(key(anImport))) {
        continue;
      }
      String simple = anImport.getQualid().getSimpleName();
      if (Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(body).find()) {
        added.add(padded);
      }
    }
    if (imports.stream().allMatch(p -> p.getElement().isStatic())) {
      // No order of the file's own to follow: the added ones first, in the order made.
      List<JRightPadded<J.Import>> all = new ArrayList<>(added);
      all.addAll(imports);
      Space first = originals.get(0).getElement().getPrefix();
      for (int k = 0; k < all.size(); k++) {
        Space prefix =
            k == 0 ? first : k == added.size() ? Space.format(nl + nl) : Space.format(nl);
        all.set(k, all.get(k).withElement(all.get(k).getElement().withPrefix(prefix)));
      }
      return changed.getPadding().withImports(all);
    }
    boolean oneGroup = groups(originals).size() == 1;
    for (JRightPadded<J.Import> add : added) {
      place(imports, add, oneGroup, nl);
    }
    return changed.getPadding().withImports(imports);
  }

  private static void place(
      List<JRightPadded<J.Import>> imports,
      JRightPadded<J.Import> add,
      boolean oneGroup,
      String nl) {
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
    if (target == null) {
      int[] last = groups.get(groups.size() - 1);
      imports.add(last[1], add.withElement(add.getElement().withPrefix(Space.format(nl + nl))));
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
    if (at < target[1]) {
      // Before an import of the group: the added one takes its spacing and comment.
      J.Import next = imports.get(at).getElement();
      imports.set(at, imports.get(at).withElement(next.withPrefix(Space.format(nl))));
      imports.add(at, add.withElement(add.getElement().withPrefix(next.getPrefix())));
    } else {
      imports.add(at, add.withElement(add.getElement().withPrefix(Space.format(nl))));
    }
  }

  private static boolean blank(Space prefix) {
    return prefix.getWhitespace().chars().filter(c -> c == '\n').count() > 1;
  }

  /** The runs of non-static imports without a blank line between them, as [from, to). */
  private static List<int[]> groups(List<JRightPadded<J.Import>> imports) {
    List<int[]> groups = new ArrayList<>();
    int[] open = null;
    for (int i = 0; i < imports.size(); i++) {
      J.Import anImport = imports.get(i).getElement();
      if (anImport.isStatic()) {
        open = null;
        continue;
      }
      if (open == null || blank(anImport.getPrefix())) {
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
      String previous = imports.get(i - 1).getElement().getTypeName();
      if (previous.compareTo(imports.get(i).getElement().getTypeName()) > 0) {
        return false;
      }
    }
    return true;
  }

  private static String key(J.Import anImport) {
    return (anImport.isStatic() ? "static " : "") + anImport.getQualid().toString();
  }
}
