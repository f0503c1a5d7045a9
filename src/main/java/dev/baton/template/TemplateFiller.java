package dev.baton.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.problem.InvalidFieldException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's placeholders: a string that is exactly {@code {{params.x}}} becomes the
 * parameter's value with its type (a number stays a number, an array an array); inside longer
 * text the value is put in as text. Every value is checked against its parameter first (known
 * name, type, enum, bounds), and the spec it yields then goes through the same checks as any
 * spec deployed through the API, so a parameter cannot smuggle anything a spec could not hold.
 * Pure: no I/O.
 */
final class TemplateFiller {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*params\\.([A-Za-z0-9_]+)\\s*}}");
  private static final int MAX_TEXT = 4000;

  private TemplateFiller() {}

  /**
   * @param given the caller's values by parameter name (may be null)
   * @throws InvalidFieldException naming {@code $.parameters.<name>} for the first bad value
   */
  public static JsonNode fill(Template template, JsonNode given) {
    Map<String, JsonNode> values = values(template, given);
    return fill(template.spec().deepCopy(), values);
  }

  static Map<String, JsonNode> values(Template template, JsonNode given) {
    JsonNode supplied = given == null || given.isNull() ? JsonNodeFactory.instance.objectNode()
        : given;
    if (!supplied.isObject()) {
      throw new InvalidFieldException("$.parameters", "parameters must be an object of "
          + "name to value", "GET /api/templates/" + template.id() + " lists them");
    }
    Map<String, TemplateParameter> known = new LinkedHashMap<>();
    template.parameters().forEach(p -> known.put(p.name(), p));
    supplied.fieldNames().forEachRemaining(name -> {
      if (!known.containsKey(name)) {
        throw new InvalidFieldException("$.parameters." + name, "template '" + template.id()
            + "' has no parameter '" + name + "'", "use one of " + known.keySet());
      }
    });
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (TemplateParameter p : template.parameters()) {
      JsonNode value = supplied.get(p.name());
      if (value == null || value.isNull()) {
        if (p.required()) {
          throw new InvalidFieldException("$.parameters." + p.name(), "parameter '" + p.name()
              + "' of template '" + template.id() + "' is required", p.description());
        }
        value = p.defaultValue();
      }
      values.put(p.name(), check(p, value));
    }
    return values;
  }

  private static JsonNode check(TemplateParameter p, JsonNode value) {
    String path = "$.parameters." + p.name();
    boolean fits = switch (p.type()) {
      case "string" -> value.isTextual() && value.asText().length() <= MAX_TEXT;
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray() && value.size() <= 100
          && java.util.stream.StreamSupport.stream(value.spliterator(), false)
              .allMatch(v -> v.isTextual() && v.asText().length() <= 200);
      default -> false;
    };
    if (!fits) {
      throw new InvalidFieldException(path, "parameter '" + p.name() + "' must be "
          + ("array".equals(p.type()) ? "an array of strings" : "a " + p.type())
          + ("string".equals(p.type()) ? " of at most " + MAX_TEXT + " characters" : "")
          + ", not " + value.getNodeType().name().toLowerCase(), p.description());
    }
    if (!p.allowed().isEmpty() && !p.allowed().contains(value.asText())) {
      throw new InvalidFieldException(path, "parameter '" + p.name() + "' must be one of "
          + p.allowed(), p.description());
    }
    if (value.isNumber() && (p.minimum() != null && value.asDouble() < p.minimum()
        || p.maximum() != null && value.asDouble() > p.maximum())) {
      throw new InvalidFieldException(path, "parameter '" + p.name() + "' must be between "
          + bound(p.minimum()) + " and " + bound(p.maximum()), p.description());
    }
    return value;
  }

  private static String bound(Double d) {
    return d == null ? "-" : d % 1 == 0 ? Long.toString(d.longValue()) : d.toString();
  }

  private static JsonNode fill(JsonNode node, Map<String, JsonNode> values) {
    if (node.isTextual()) {
      Matcher whole = PLACEHOLDER.matcher(node.asText());
      if (whole.matches()) {
        return value(values, whole.group(1)).deepCopy();
      }
      Matcher m = PLACEHOLDER.matcher(node.asText());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        JsonNode v = value(values, m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(v.isTextual() ? v.asText()
            : v.toString()));
      }
      m.appendTail(out);
      return TextNode.valueOf(out.toString());
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.properties().forEach(e -> e.setValue(fill(e.getValue(), values)));
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, fill(array.get(i), values));
      }
      return array;
    }
    return node;
  }

  private static JsonNode value(Map<String, JsonNode> values, String name) {
    JsonNode v = values.get(name);
    if (v == null) {
      // a placeholder without a declared parameter is the template's own mistake
      throw new IllegalStateException("the template uses {{params." + name + "}} but declares "
          + "no such parameter");
    }
    return v;
  }
}
