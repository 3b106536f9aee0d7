package dev.eventbus.migration.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Jackson set-up shared by the JSON-based renderers. */
final class JsonSupport {

  /** Builds the trees; thread-safe once configured. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonSupport() {}

  /** The tree pretty-printed, ending with a line separator. */
  static String write(JsonNode tree) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a JSON tree", e);
    }
  }
}
