package dev.eventbus.migration.report;

/** Escaping for GitHub-flavoured Markdown, used by {@link MarkdownReportRenderer}. */
final class Markdown {

  /** ASCII punctuation that can start or end inline Markdown constructs. */
  private static final String SPECIAL = "\\`*_[]<>~&";

  private Markdown() {}

  /**
   * Plain text with every character that could start inline Markdown (emphasis, links, code, HTML,
   * entities) backslash-escaped, and line breaks turned into spaces.
   */
  static String text(String plain) {
    String flat = oneLine(plain);
    StringBuilder out = new StringBuilder(flat.length());
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * A code span showing {@code content} literally: the fence is one backtick longer than the
   * longest run of backticks inside, padded with spaces when the content starts or ends with a
   * backtick or with a space. Empty content gives an empty string (an empty code span does not
   * exist).
   */
  static String code(String content) {
    String flat = oneLine(content);
    if (flat.isEmpty()) {
      return "";
    }
    String fence = "`".repeat(longestBacktickRun(flat) + 1);
    boolean pad =
        flat.startsWith("`")
            || flat.endsWith("`")
            || (flat.startsWith(" ") && flat.endsWith(" ") && !flat.isBlank());
    String space = pad ? " " : "";
    return fence + space + flat + space + fence;
  }

  /**
   * Inline Markdown made safe for a table cell: a {@code |} is escaped everywhere, code spans
   * included, as GitHub splits the row into cells before it parses the inline content.
   */
  static String cell(String inline) {
    return oneLine(inline).replace("|", "\\|");
  }

  private static int longestBacktickRun(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\R", " ");
  }
}
