package dev.eventbus.migration;

import com.github.javaparser.ast.Node;
import java.util.Comparator;

/**
 * One resolved use of a legacy type or member in a parsed file: what the rewriter works from.
 *
 * @param node the syntax node: an import, a type, an annotation, a construction, the name of a
 *     called method, a method reference or the qualified scope of a static call
 * @param api the API it belongs to
 * @param packageName the package it was written with: the API's own or the compat shim's
 * @param type the simple name of the legacy type, e.g. {@code EventBus}; empty for an on-demand
 *     import of the package
 * @param member the member after {@code #} in the symbol, e.g. {@code post}; empty for a type
 */
record LegacyUse(Node node, LegacyApi api, String packageName, String type, String member) {

  static final Comparator<LegacyUse> SOURCE_ORDER =
      Comparator.comparingInt((LegacyUse use) -> LegacyUse.begin(use.node()))
          .thenComparingInt(use -> -LegacyUse.length(use.node()));

  /** Splits a symbol such as {@code com.google.common.eventbus.EventBus#post}. */
  static LegacyUse of(Node node, LegacyApi api, String symbol, String packageName) {
    int hash = symbol.indexOf('#');
    String typeName = hash < 0 ? symbol : symbol.substring(0, hash);
    String member = hash < 0 ? "" : symbol.substring(hash + 1);
    String rest =
        typeName.length() > packageName.length()
            ? typeName.substring(packageName.length() + 1)
            : "";
    if (rest.equals("*")) {
      rest = "";
    }
    int dot = rest.indexOf('.');
    String topLevel = dot < 0 ? rest : rest.substring(0, dot);
    return new LegacyUse(node, api, packageName, topLevel, member);
  }

  /** The symbol as reports show it, e.g. {@code com.google.common.eventbus.EventBus#post}. */
  String symbol() {
    return packageName
        + (type.isEmpty() ? ".*" : "." + type)
        + (member.isEmpty() ? "" : "#" + member);
  }

  /** Whether this use names {@code simpleName} of the Guava API (legacy or shim). */
  boolean isGuava(String simpleName) {
    return api == LegacyApi.GUAVA && type.equals(simpleName);
  }

  /** Whether this use names {@code simpleName} of the {@code vm.core.event} API. */
  boolean isVm(String simpleName) {
    return api == LegacyApi.VM_LEGACY && type.equals(simpleName);
  }

  private static int begin(Node node) {
    return node.getBegin().map(p -> p.line * 100_000 + p.column).orElse(0);
  }

  private static int length(Node node) {
    return node.getRange().map(r -> (r.end.line - r.begin.line) * 100_000 + r.end.column).orElse(0);
  }
}
