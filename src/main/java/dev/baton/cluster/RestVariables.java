package dev.baton.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Process variables in the REST API's form ({@code {"type": "Json", "value": "..."}}) and back.
 * JSON variables (node outputs, the run input) are read as Jackson trees, which is what the
 * worker's prompt rendering uses whether the value came over REST or from the Java API.
 */
final class RestVariables {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RestVariables() {}

  static ObjectNode toRest(Map<String, Object> variables) {
    ObjectNode out = JSON.createObjectNode();
    if (variables != null) {
      variables.forEach((name, value) -> out.set(name, toRest(value)));
    }
    return out;
  }

  static ObjectNode toRest(Object value) {
    ObjectNode dto = JSON.createObjectNode();
    if (value == null) {
      return dto.put("type", "Null").putNull("value");
    }
    if (value instanceof SerializableValue serializable
        && serializable.getValueSerialized() != null) {
      dto.put("type", restType(serializable.getType().getName()))
          .put("value", serializable.getValueSerialized());
      ObjectNode info = dto.putObject("valueInfo");
      if (serializable.getSerializationDataFormat() != null) {
        info.put("serializationDataFormat", serializable.getSerializationDataFormat());
      }
      if (serializable instanceof ObjectValue object && object.getObjectTypeName() != null) {
        info.put("objectTypeName", object.getObjectTypeName());
      }
      return dto;
    }
    if (value instanceof TypedValue typed) {
      if (typed.getType() != null && typed.getType().isPrimitiveValueType()) {
        dto.put("type", restType(typed.getType().getName()));
        dto.set("value", JSON.valueToTree(typed.getValue()));
        return dto;
      }
      return toRest(typed.getValue());
    }
    if (value instanceof JsonNode node) {
      return dto.put("type", "Json").put("value", node.toString());
    }
    if (value instanceof String text) {
      return dto.put("type", "String").put("value", text);
    }
    if (value instanceof Boolean bool) {
      return dto.put("type", "Boolean").put("value", bool);
    }
    if (value instanceof Integer number) {
      return dto.put("type", "Integer").put("value", number);
    }
    if (value instanceof Long number) {
      return dto.put("type", "Long").put("value", number);
    }
    if (value instanceof Number number) {
      return dto.put("type", "Double").put("value", number.doubleValue());
    }
    return dto.put("type", "Json").put("value", JSON.valueToTree(value).toString());
  }

  /** A variable's REST form as the worker uses it: JSON as a tree, primitives as Java values. */
  static Object fromRest(JsonNode dto) {
    String type = dto.path("type").asText("").toLowerCase(Locale.ROOT);
    JsonNode value = dto.path("value");
    if (value.isNull() || value.isMissingNode() || type.equals("null")) {
      return null;
    }
    switch (type) {
      case "json":
        return parse(value.asText());
      case "object":
        String format = dto.path("valueInfo").path("serializationDataFormat").asText("");
        return format.startsWith("application/json") ? parse(value.asText()) : value.asText();
      case "string", "date", "xml":
        return value.asText();
      case "boolean":
        return value.asBoolean();
      case "integer", "short":
        return value.asInt();
      case "long":
        return value.asLong();
      case "double":
        return value.asDouble();
      default:
        return value.isValueNode() ? value.asText() : value;
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  /** The engine's type name ({@code json}) as the REST API spells it ({@code Json}). */
  private static String restType(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
