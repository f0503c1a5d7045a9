package dev.baton.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Locale;

/**
 * Checks a bundle's JSON files against {@code processes/schema/baton-bundle.schema.json} (the
 * manifest at its root, {@code tools.json}, {@code policies.json} and test files in its
 * {@code $defs}), with the validator the spec reader uses. Each message becomes a finding naming
 * the file and the JSON path.
 */
final class BundleSchema {

  static final String RESOURCE = "baton/schema/baton-bundle.schema.json";
  static final String TOOLS = "tools_file";
  static final String POLICIES = "policies_file";
  static final String TEST = "test_file";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BundleSchema INSTANCE = new BundleSchema();

  private final JsonSchema manifest;
  private final JsonSchema tools;
  private final JsonSchema policies;
  private final JsonSchema test;

  private BundleSchema() {
    JsonNode tree = load();
    manifest = compile(tree);
    tools = compile(pointingAt(tree, TOOLS));
    policies = compile(pointingAt(tree, POLICIES));
    test = compile(pointingAt(tree, TEST));
  }

  static BundleSchema get() {
    return INSTANCE;
  }

  /** @param def null for the manifest, else one of the {@code $defs} above */
  List<Finding> check(String file, JsonNode document, String def) {
    JsonSchema schema = def == null ? manifest : switch (def) {
      case TOOLS -> tools;
      case POLICIES -> policies;
      default -> test;
    };
    List<ValidationMessage> messages = new ArrayList<>(schema.validate(document));
    messages.sort(Comparator.comparing((ValidationMessage m) -> path(m.getInstanceLocation()))
        .thenComparing(ValidationMessage::getType));
    List<Finding> findings = new ArrayList<>();
    for (ValidationMessage m : messages) {
      String path = path(m.getInstanceLocation());
      String message = m.getMessage();
      int colon = message.indexOf(": ");
      if (colon > 0 && message.startsWith("$")) {
        message = message.substring(colon + 2);
      }
      if ("additionalProperties".equals(m.getType())) {
        path = path + "." + m.getProperty();
        message = "unknown field '" + m.getProperty() + "'";
      }
      findings.add(Finding.error("schema", file, path, message,
          "see processes/schema/baton-bundle.schema.json and docs/bundles.md"));
    }
    return findings;
  }

  /** The same document, its root replaced by a reference into its own $defs. */
  private static JsonNode pointingAt(JsonNode tree, String def) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", tree.path("$schema").asText());
    root.put("$ref", "#/$defs/" + def);
    root.set("$defs", tree.get("$defs"));
    return root;
  }

  private static JsonSchema compile(JsonNode tree) {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .pathType(PathType.JSON_PATH).locale(Locale.ENGLISH).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree, config);
  }

  private static JsonNode load() {
    try (InputStream in = BundleSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundle schema missing from the classpath: " + RESOURCE);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String path(JsonNodePath location) {
    StringBuilder path = new StringBuilder("$");
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        String name = String.valueOf(element);
        path.append(name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name
            : "['" + name.replace("'", "\\'") + "']");
      }
    }
    return path.toString();
  }
}
