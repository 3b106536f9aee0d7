package dev.eventbus.migration;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The text of one source file with the offsets of its lines, so that a parser position (1-based
 * line and column, a tab counting as one column, any of LF, CR LF or CR ending a line) maps to an
 * offset into the string. Edits are spliced into the original text, so every character outside an
 * edit is kept exactly: formatting, comments and line endings.
 */
final class SourceText {

  private final String text;
  private final int[] lineStarts;

  SourceText(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  String text() {
    return text;
  }

  /**
   * The text as javac reads it (JLS 3.3): each unicode escape, a backslash preceded by an even
   * number of backslashes, one or more {@code u} and four hex digits, becomes its character. A
   * malformed escape is kept as written.
   */
  static String translateUnicodeEscapes(String text) {
    int first = text.indexOf('\\');
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, first);
    int backslashes = 0;
    int i = first;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && backslashes % 2 == 0) {
        int u = i + 1;
        while (u < text.length() && text.charAt(u) == 'u') {
          u++;
        }
        if (u > i + 1 && u + 4 <= text.length() && isHex(text, u, u + 4)) {
          out.append((char) Integer.parseInt(text.substring(u, u + 4), 16));
          i = u + 4;
          backslashes = 0;
          continue;
        }
      }
      backslashes = c == '\\' ? backslashes + 1 : 0;
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The first line ending of the file, or {@code \n} when it has none. */
  String lineSeparator() {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return "\n";
      }
      if (c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
      }
    }
    return "\n";
  }

  /** The offset of a position. */
  int offset(Position position) {
    if (position.line < 1 || position.line > lineStarts.length || position.column < 1) {
      throw new IllegalArgumentException("position outside the text: " + position);
    }
    int offset = lineStarts[position.line - 1] + position.column - 1;
    if (offset > text.length()) {
      throw new IllegalArgumentException("position outside the text: " + position);
    }
    return offset;
  }

  /** The offset where a node starts. */
  int start(Node node) {
    return offset(range(node).begin);
  }

  /** The offset just after a node's last character. */
  int end(Node node) {
    return offset(range(node).end) + 1;
  }

  /** The exact text of a node as written. */
  String textOf(Node node) {
    return text.substring(start(node), end(node));
  }

  /** The offset where the line holding {@code offset} starts. */
  int lineStart(int offset) {
    int index = Arrays.binarySearch(lineStarts, offset);
    return index >= 0 ? lineStarts[index] : lineStarts[-index - 2];
  }

  /** The offset of the line ending of the line holding {@code offset}, or the text's end. */
  int lineContentEnd(int offset) {
    int at = offset;
    while (at < text.length() && !isLineEnd(text.charAt(at))) {
      at++;
    }
    return at;
  }

  /** The offset just after the line ending of the line holding {@code offset}. */
  int lineEnd(int offset) {
    int at = lineContentEnd(offset);
    if (at < text.length() && text.charAt(at) == '\r') {
      at++;
    }
    if (at < text.length() && text.charAt(at) == '\n') {
      at++;
    }
    return at;
  }

  /** Whether nothing but blanks shares the node's lines with it. */
  boolean standsAlone(Node node) {
    TextEdit deletion = deletion(node);
    return deletion.start() == lineStart(start(node)) && deletion.end() == lineEnd(end(node));
  }

  /** Whether the lines from {@code from} up to {@code to} hold a line of blanks only. */
  boolean hasBlankLine(int from, int to) {
    int lineStart = from;
    while (lineStart < to) {
      int contentEnd = Math.min(lineContentEnd(lineStart), to);
      if (text.substring(lineStart, contentEnd).isBlank()) {
        return true;
      }
      lineStart = lineEnd(lineStart);
    }
    return false;
  }

  /**
   * The span to delete to remove a node: its whole line, line ending included, when nothing but
   * blanks shares the line with it; otherwise the node and the blanks that follow it.
   */
  TextEdit deletion(Node node) {
    int start = start(node);
    int end = end(node);
    int lineStart = start;
    while (lineStart > 0 && isBlank(text.charAt(lineStart - 1))) {
      lineStart--;
    }
    int after = end;
    while (after < text.length() && isBlank(text.charAt(after))) {
      after++;
    }
    boolean aloneBefore = lineStart == 0 || isLineEnd(text.charAt(lineStart - 1));
    boolean aloneAfter = after == text.length() || isLineEnd(text.charAt(after));
    if (aloneBefore && aloneAfter) {
      int lineEnd = after;
      if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
        lineEnd++;
      }
      if (lineEnd < text.length() && text.charAt(lineEnd) == '\n') {
        lineEnd++;
      }
      return new TextEdit(lineStart, lineEnd, "");
    }
    return new TextEdit(start, after, "");
  }

  /**
   * Applies edits to the text.
   *
   * @throws IllegalStateException if two edits overlap
   */
  String apply(List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (TextEdit edit : sorted) {
      if (edit.start() < at) {
        throw new IllegalStateException("overlapping edits at offset " + edit.start());
      }
      out.append(text, at, edit.start()).append(edit.replacement());
      at = edit.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  private static Range range(Node node) {
    return node.getRange()
        .orElseThrow(() -> new IllegalStateException("node without a position: " + node));
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r';
  }
}
