package dev.eventbus.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The record value: the codec's data tree as JSON in UTF-8. */
final class JsonPayload {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  private JsonPayload() {}

  static byte[] write(Map<String, Object> data) {
    try {
      return MAPPER.writeValueAsBytes(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the event's data as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The tree a value holds.
   *
   * @throws IOException if it is not a JSON object
   */
  static Map<String, Object> read(byte[] value) throws IOException {
    Map<String, Object> tree = MAPPER.readValue(value, TREE);
    if (tree == null) {
      throw new IOException("the value is JSON null, not an object");
    }
    return tree;
  }
}
