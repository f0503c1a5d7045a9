package dev.baton.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON text in and out of the registry's columns. */
final class RegistryJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private RegistryJson() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode object(String text) {
    try {
      JsonNode node = text == null ? null : JSON.readTree(text);
      return node != null && node.isObject() ? (ObjectNode) node : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }

  static List<String> strings(String text) {
    List<String> values = new ArrayList<>();
    try {
      JsonNode node = text == null ? null : JSON.readTree(text);
      if (node != null) {
        node.forEach(v -> values.add(v.asText()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
    return values;
  }
}
