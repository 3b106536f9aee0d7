package dev.eventbus.durable.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The size in bytes of a payload tree written as compact JSON in UTF-8, counted without writing it:
 * what a store that keeps JSON text (the JDBC store, through Jackson) writes for it. Strings count
 * their escapes ({@code \"}, {@code \\}, {@code \n} and the like, {@code \\u00XX} for other control
 * characters) and their UTF-8 bytes; numbers the digits Java prints for them, as Jackson does. It
 * visits every value once and allocates nothing for strings, so a 100 MB string is measured in
 * about the time it takes to read it once.
 *
 * <p>Stateless.
 */
final class EncodedSize {

  private EncodedSize() {}

  /** The bytes of {@code tree} (a map, list or scalar of a JSON tree) as compact JSON. */
  static long of(@Nullable Object tree) {
    if (tree == null) {
      return 4; // null
    }
    if (tree instanceof String text) {
      return string(text);
    }
    if (tree instanceof Boolean flag) {
      return flag ? 4 : 5;
    }
    if (tree instanceof Double number) {
      return Double.isFinite(number) ? Double.toString(number).length() : quoted(number);
    }
    if (tree instanceof Float number) {
      return Float.isFinite(number) ? Float.toString(number).length() : quoted(number);
    }
    if (tree instanceof BigDecimal number) {
      return number.toString().length();
    }
    if (tree instanceof Number number) {
      return number.toString().length();
    }
    if (tree instanceof Map<?, ?> map) {
      long size = 2 + Math.max(0, map.size() - 1); // braces, commas
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        size += string(String.valueOf(entry.getKey())) + 1 + of(entry.getValue()); // key:value
      }
      return size;
    }
    if (tree instanceof List<?> list) {
      long size = 2 + Math.max(0, list.size() - 1); // brackets, commas
      for (Object element : list) {
        size += of(element);
      }
      return size;
    }
    return string(String.valueOf(tree));
  }

  /** A non-finite number, which Jackson writes as a string ({@code "NaN"}). */
  private static long quoted(Object number) {
    return string(String.valueOf(number));
  }

  /** A JSON string: the quotes, the escapes and the UTF-8 bytes of the rest. */
  private static long string(String text) {
    long size = 2;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        size += c == '"' || c == '\\' ? 2 : c >= 0x20 ? 1 : shortEscape(c) ? 2 : 6;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        size += 4; // one code point beyond the BMP, two chars
        i++;
      } else {
        size += 3;
      }
    }
    return size;
  }

  private static boolean shortEscape(char c) {
    return c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }
}
