package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a document against the published JSON Schema and turns the validator's messages into
 * {@link SpecProblem}s a person can act on. Unknown fields are errors: a misspelt field would
 * otherwise not apply its setting ({@code budget_usd}), and unknown fields are stored and shown
 * to everyone who lists workflows. Node {@code config} stays open for keys of later features
 * ({@link SemanticChecks} warns about near misses there). Checks the semantic layer words
 * better (id format, an empty node list) are left to {@link SemanticChecks}, so that each
 * problem is reported once.
 */
final class JsonSchemaCheck {

  /** Where the schema lies on the classpath; the build copies it from processes/schema. */
  static final String RESOURCE = "baton/schema/baton-workflow.schema.json";

  private final JsonNode schemaTree;
  private final JsonSchema schema;

  JsonSchemaCheck() {
    this(loadSchemaTree());
  }

  JsonSchemaCheck(JsonNode schemaTree) {
    this.schemaTree = schemaTree;
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ENGLISH)
            .build();
    this.schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(schemaTree, config);
  }

  static JsonNode loadSchemaTree() {
    try (InputStream in = JsonSchemaCheck.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("spec schema missing from the classpath: " + RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spec schema " + RESOURCE, e);
    }
  }

  List<SpecProblem> check(JsonNode document) {
    List<ValidationMessage> messages = new ArrayList<>(schema.validate(document));
    // the validator returns a set; sort so that reports are stable across runs
    messages.sort(
        Comparator.comparing((ValidationMessage m) -> path(m.getInstanceLocation()))
            .thenComparing(ValidationMessage::getType)
            .thenComparing(m -> String.valueOf(m.getProperty())));
    Set<SpecProblem> problems = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      SpecProblem problem = translate(message);
      if (problem != null) {
        problems.add(problem);
      }
    }
    return List.copyOf(problems);
  }

  private SpecProblem translate(ValidationMessage m) {
    String path = path(m.getInstanceLocation());
    String field = lastField(m.getInstanceLocation());
    JsonNode value = m.getInstanceNode();
    JsonNode schemaValue = m.getSchemaNode();
    switch (m.getType()) {
      case "required" -> {
        String missing = m.getProperty();
        return SpecProblem.error(
            path,
            "missing required field '" + missing + "'",
            "add \"" + missing + "\" to " + describeObject(path));
      }
      case "additionalProperties" -> {
        String unknown = m.getProperty();
        List<String> known = knownProperties(m);
        return SpecProblem.error(
            JsonPaths.field(path, unknown),
            "unknown field " + TextRules.shown(unknown) + DidYouMean.suffix(unknown, known),
            known.isEmpty() ? "remove it" : "remove or rename it; known fields here: "
                + String.join(", ", known) + (path.matches("\\$\\.nodes\\[\\d+]")
                    ? " (settings of later features go into 'config')" : ""));
      }
      case "type" -> {
        String expected = describeTypes(schemaValue);
        return SpecProblem.error(
            path,
            "expected " + expected + " but found " + describeValue(value),
            subject(m.getInstanceLocation(), field) + " must be " + expected);
      }
      case "enum" -> {
        return enumProblem(path, field, value, schemaValue);
      }
      case "minimum", "exclusiveMinimum" -> {
        String relation = m.getType().equals("minimum") ? ">= " : "> ";
        String limit = schemaValue == null ? "?" : schemaValue.asText();
        return SpecProblem.error(
            path,
            "'" + field + "' must be " + relation + limit + " but is " + text(value),
            minimumHint(field));
      }
      case "minLength" -> {
        return SpecProblem.error(path, "'" + field + "' must not be empty", "give it a value");
      }
      case "pattern" -> {
        // node ids, role and user ids: SemanticChecks explains the rules itself
        return Set.of("id", "required_role", "approvers").contains(field) ? null
            : generic(path, m);
      }
      case "maximum", "maxLength", "maxItems" -> {
        // the schema states the default limits for editors; LimitsCheck applies the
        // installation's (baton.limits.*) and names the setting
        return null;
      }
      case "minItems" -> {
        // an empty node list: SemanticChecks reports "workflow has no nodes"
        return "$.nodes".equals(path) ? null : generic(path, m);
      }
      default -> {
        return generic(path, m);
      }
    }
  }

  private static SpecProblem enumProblem(
      String path, String field, JsonNode value, JsonNode allowedNode) {
    List<String> allowed = new ArrayList<>();
    if (allowedNode != null) {
      allowedNode.forEach(v -> allowed.add(v.asText()));
    }
    String given = value == null ? "null" : value.asText();
    String kind =
        switch (String.valueOf(field)) {
          case "type" -> "node type";
          case "operator" -> "operator";
          case "condition" -> "edge condition";
          default -> "value for '" + field + "'";
        };
    return SpecProblem.error(
        path,
        "unknown " + kind + " '" + given + "'" + DidYouMean.suffix(given, allowed),
        "allowed: " + String.join(", ", allowed));
  }

  private static SpecProblem generic(String path, ValidationMessage m) {
    String message = m.getMessage();
    // the validator prefixes its messages with the path, which the problem already carries
    int colon = message.indexOf(": ");
    if (colon > 0 && message.startsWith("$")) {
      message = message.substring(colon + 2);
    }
    return SpecProblem.error(path, message, null);
  }

  private List<String> knownProperties(ValidationMessage m) {
    JsonNodePath fragment = m.getSchemaLocation().getFragment();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      pointer.append('/').append(fragment.getName(i).replace("~", "~0").replace("/", "~1"));
    }
    JsonNode properties = schemaTree.at(pointer.toString()).path("properties");
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static String path(JsonNodePath location) {
    String path = JsonPaths.ROOT;
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? JsonPaths.index(path, index)
              : JsonPaths.field(path, String.valueOf(element));
    }
    return path;
  }

  /** The name of the innermost object field on the path (skipping array indexes). */
  private static String lastField(JsonNodePath location) {
    for (int i = location.getNameCount() - 1; i >= 0; i--) {
      if (location.getElement(i) instanceof String name) {
        return name;
      }
    }
    return null;
  }

  private static String subject(JsonNodePath location, String field) {
    if (field == null) {
      return "the document";
    }
    boolean entry = location.getElement(location.getNameCount() - 1) instanceof Integer;
    return entry ? "each entry of '" + field + "'" : "'" + field + "'";
  }

  private static String describeObject(String path) {
    if (path.equals("$")) {
      return "the top level";
    }
    if (path.matches("\\$\\.nodes\\[\\d+]")) {
      return "the node";
    }
    if (path.matches("\\$\\.edges\\[\\d+]")) {
      return "the edge";
    }
    if (path.endsWith(".condition")) {
      return "the comparison";
    }
    if (path.equals("$.metadata")) {
      return "metadata";
    }
    return "this object";
  }

  private static String minimumHint(String field) {
    return switch (String.valueOf(field)) {
      case "budget_usd" -> "a budget cannot be negative; use 0 for runs that may spend nothing";
      case "sla_ms", "timeout_ms" -> "give a positive number of milliseconds, or leave it out";
      default -> "use a larger value";
    };
  }

  static String describeTypes(JsonNode typeNode) {
    if (typeNode == null) {
      return "another type";
    }
    List<String> names = new ArrayList<>();
    if (typeNode.isArray()) {
      typeNode.forEach(t -> names.add(article(t.asText())));
    } else {
      names.add(article(typeNode.asText()));
    }
    return String.join(" or ", names);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "array", "object" -> "an " + type;
      default -> "a " + type;
    };
  }

  static String describeValue(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "string " + abbreviate(value.toString());
    }
    if (value.isNumber()) {
      return "number " + value.asText();
    }
    if (value.isBoolean()) {
      return "boolean " + value.asText();
    }
    return value.isArray() ? "an array" : "an object";
  }

  private static String text(JsonNode value) {
    return value == null ? "null" : value.asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
