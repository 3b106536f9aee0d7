package dev.eventbus.migration;

/**
 * Replaces the characters from {@code start} (inclusive) to {@code end} (exclusive) of a source
 * text; an insertion when both are equal, a deletion when the replacement is empty.
 */
record TextEdit(int start, int end, String replacement) {

  TextEdit {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span: " + start + ".." + end);
    }
  }

  static TextEdit insert(int at, String text) {
    return new TextEdit(at, at, text);
  }
}
