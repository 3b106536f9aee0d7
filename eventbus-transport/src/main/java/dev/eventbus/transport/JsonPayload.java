package dev.eventbus.transport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A message's payload: the codec's data tree as JSON in UTF-8. */
public final class JsonPayload {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  private JsonPayload() {}

  /**
   * The tree as JSON.
   *
   * @param data a codec's data tree
   * @return its JSON in UTF-8
   * @throws UncheckedIOException if the tree cannot be written as JSON
   */
  public static byte[] write(Map<String, Object> data) {
    try {
      return MAPPER.writeValueAsBytes(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the event's data as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The tree a payload holds.
   *
   * @param payload JSON in UTF-8
   * @return the object it holds
   * @throws IOException if it is not a JSON object
   */
  public static Map<String, Object> read(byte[] payload) throws IOException {
    Map<String, Object> tree = MAPPER.readValue(payload, TREE);
    if (tree == null) {
      throw new IOException("the value is JSON null, not an object");
    }
    return tree;
  }
}
