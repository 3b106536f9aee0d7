package dev.eventbus.migration;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.NodeList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the imports a recipe removed and added where the file's own import order puts them ({@link
 * ImportLayout}, the rule the compat step follows): the recipe's text is kept but for its import
 * block, which becomes the original block with the same imports removed and added. A recipe's own
 * rule only starts a new group for an import with no kin, and leaves a renamed one in place.
 */
final class ImportRelayout {

  private ImportRelayout() {}

  /**
   * The migrated text with its imports laid out by the original's order; the migrated text as it is
   * when either does not parse, the original has no imports, or a static import was added.
   *
   * @param original the file as read
   * @param migrated the recipe's text of it
   */
  static String of(String original, String migrated) {
    Optional<CompilationUnit> before = parsed(original);
    Optional<CompilationUnit> after = parsed(migrated);
    if (before.isEmpty() || after.isEmpty()) {
      return migrated;
    }
    NodeList<ImportDeclaration> oldImports = before.get().getImports();
    NodeList<ImportDeclaration> newImports = after.get().getImports();
    if (oldImports.isEmpty() || newImports.isEmpty()) {
      return migrated;
    }
    Set<String> oldKeys = keys(oldImports);
    Set<String> newKeys = keys(newImports);
    List<ImportDeclaration> removals = new ArrayList<>();
    for (ImportDeclaration declaration : oldImports) {
      if (!newKeys.contains(key(declaration))) {
        removals.add(declaration);
      }
    }
    Set<String> additions = new LinkedHashSet<>();
    for (ImportDeclaration declaration : newImports) {
      if (!oldKeys.contains(key(declaration))) {
        if (declaration.isStatic()) {
          return migrated;
        }
        additions.add(name(declaration));
      }
    }
    if (removals.isEmpty() && additions.isEmpty()) {
      return migrated;
    }
    SourceText text = new SourceText(original);
    String laidOut =
        text.apply(new ImportLayout(text, oldImports).edits(List.of(), removals, additions));
    Optional<CompilationUnit> result = parsed(laidOut);
    if (result.isEmpty() || result.get().getImports().isEmpty()) {
      return migrated;
    }
    SourceText from = new SourceText(laidOut);
    NodeList<ImportDeclaration> block = result.get().getImports();
    SourceText into = new SourceText(migrated);
    return migrated.substring(0, into.start(newImports.get(0)))
        + laidOut.substring(from.start(block.get(0)), from.end(block.get(block.size() - 1)))
        + migrated.substring(into.end(newImports.get(newImports.size() - 1)));
  }

  private static Optional<CompilationUnit> parsed(String source) {
    try {
      ParseResult<CompilationUnit> result = SourceFiles.parse(source);
      return result.isSuccessful() ? result.getResult() : Optional.empty();
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private static Set<String> keys(List<ImportDeclaration> imports) {
    Set<String> keys = new LinkedHashSet<>();
    imports.forEach(i -> keys.add(key(i)));
    return keys;
  }

  private static String key(ImportDeclaration declaration) {
    return (declaration.isStatic() ? "static " : "") + name(declaration);
  }

  private static String name(ImportDeclaration declaration) {
    return declaration.getNameAsString() + (declaration.isAsterisk() ? ".*" : "");
  }
}
