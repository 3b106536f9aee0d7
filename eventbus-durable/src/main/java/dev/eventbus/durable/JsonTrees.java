package dev.eventbus.durable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Copies payload trees the way a JSON round trip would leave them: maps with string keys, lists,
 * strings, booleans, nulls, and numbers as {@code Integer} when they fit, else {@code Long} (or
 * {@code BigInteger}), and {@code Double} for fractions. The copies are unmodifiable, so a store
 * that hands them out cannot be changed through them.
 */
final class JsonTrees {

  private JsonTrees() {}

  /**
   * An unmodifiable normalised copy of a tree.
   *
   * @throws IllegalArgumentException if the tree holds something JSON cannot, naming its path
   */
  static Map<String, Object> copy(Map<String, ?> tree) {
    return copyMap(tree, "$");
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(
            "not a JSON object key at " + path + ": " + describe(entry.getKey()));
      }
      copy.put(key, copyValue(entry.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object copyValue(@Nullable Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Long number) {
      long v = number;
      return v == (int) v ? Integer.valueOf((int) v) : number;
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() < 32) {
        return big.intValue();
      }
      return big.bitLength() < 64 ? Long.valueOf(big.longValue()) : big;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number at " + path + ": " + d);
      }
      return d;
    }
    if (value instanceof Character c) {
      return String.valueOf(c);
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, path);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException("not a JSON value at " + path + ": " + describe(value));
  }

  private static String describe(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
