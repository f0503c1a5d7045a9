package dev.baton.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Converts process variables to and from JSON. Node outputs and the run input are stored as
 * JSON variables (Spin), which Cockpit shows readably; code reads them as Jackson trees.
 */
public final class JsonValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonValues() {}

  /** Any variable value as JSON: Spin JSON, JSON text, maps, lists, numbers, booleans. */
  public static JsonNode toJson(Object value) {
    if (value == null) {
      return MissingNode.getInstance();
    }
    if (value instanceof TypedValue typed) {
      return toJson(typed.getValue());
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof SpinJsonNode spin) {
      return parse(spin.toString());
    }
    if (value instanceof String text) {
      String trimmed = text.trim();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        JsonNode parsed = parseOrNull(trimmed);
        if (parsed != null) {
          return parsed;
        }
      }
      return JSON.getNodeFactory().textNode(text);
    }
    return JSON.valueToTree(value);
  }

  /** A JSON tree as a Camunda JSON variable. */
  public static TypedValue toVariable(JsonNode node) {
    return SpinValues.jsonValue(node.toString()).create();
  }

  /** Follows a dotted path ({@code output.passed}, {@code items.0}) into a tree. */
  public static JsonNode at(JsonNode root, String dottedPath) {
    JsonNode current = root;
    if (dottedPath == null || dottedPath.isEmpty()) {
      return current;
    }
    for (String segment : dottedPath.split("\\.")) {
      if (current == null || current.isMissingNode()) {
        return MissingNode.getInstance();
      }
      current = current.isArray() && segment.matches("\\d+")
          ? current.path(Integer.parseInt(segment))
          : current.path(segment);
    }
    return current;
  }

  public static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode parseOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
