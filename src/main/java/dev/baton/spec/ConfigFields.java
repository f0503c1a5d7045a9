package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/** Typed expectations on the open config object of a node: a wrong type is named with its value. */
final class ConfigFields {

  private final CheckContext ctx;

  ConfigFields(CheckContext ctx) {
    this.ctx = ctx;
  }

  void positiveInteger(ObjectNode config, String path, String key) {
    expect(
        config,
        path,
        key,
        v -> v.isNumber() && v.canConvertToExactIntegral() && v.asLong() >= 1,
        "an integer >= 1");
  }

  void expect(
      ObjectNode config,
      String path,
      String key,
      Predicate<JsonNode> test,
      String expected) {
    JsonNode value = config.get(key);
    if (value != null && !test.test(value)) {
      ctx.error(
          JsonPaths.field(path, key),
          "config '" + key + "' must be " + expected + " but is "
              + JsonSchemaCheck.describeValue(value),
          "change it to " + expected);
    }
  }

  static boolean given(JsonNode value) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isTextual()) {
      return !value.asText().isBlank();
    }
    return !value.isArray() || !value.isEmpty();
  }

  static boolean isStringArray(JsonNode value) {
    if (!value.isArray()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
