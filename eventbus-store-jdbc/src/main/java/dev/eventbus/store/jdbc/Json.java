package dev.eventbus.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.eventbus.api.spi.EventStoreException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON text of event data, headers and snapshot state. Reading gives the tree Jackson gives for an
 * untyped {@code Map}: {@code Integer}, else {@code Long}, else {@code BigInteger} for whole
 * numbers, {@code Double} for fractions, {@code LinkedHashMap} and {@code ArrayList}.
 */
final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  private Json() {}

  /** The value as JSON text. */
  static String write(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * The value as JSON text, for a store writing it.
   *
   * @param subject what failed and what was written, as "save of snapshot 'k' failed: state", the
   *     start of the exception's message; built only on failure
   * @throws EventStoreException if it cannot be written, with the message {@code subject}, then
   *     {@code " cannot be written as JSON: "} and what was wrong
   */
  static String write(Object value, Supplier<String> subject) {
    try {
      return write(value);
    } catch (JsonProcessingException e) {
      throw new EventStoreException(
          subject.get() + " cannot be written as JSON: " + describe(e), e);
    }
  }

  /** A JSON object as a tree; anything but an object is refused. */
  static Map<String, Object> readTree(String text) throws JsonProcessingException {
    Map<String, Object> tree = MAPPER.readValue(text, TREE);
    if (tree == null) {
      throw MismatchedInputException.from(null, Map.class, "null where an object was expected");
    }
    return tree;
  }

  /** A JSON object of strings. */
  static Map<String, String> readStrings(String text) throws JsonProcessingException {
    Map<String, String> strings = MAPPER.readValue(text, STRINGS);
    if (strings == null) {
      throw MismatchedInputException.from(null, Map.class, "null where an object was expected");
    }
    return strings;
  }

  /** What was wrong, without Jackson's source excerpt: one line for a quarantine reason. */
  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    if (e.getLocation() != null && e.getLocation().getCharOffset() >= 0) {
      line += " (at character " + e.getLocation().getCharOffset() + ")";
    }
    return line;
  }
}
