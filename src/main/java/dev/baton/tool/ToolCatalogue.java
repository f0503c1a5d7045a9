package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.connector.ConnectorDefinition;
import dev.baton.connector.Connectors;
import dev.baton.registry.AgentDirectory;
import dev.baton.registry.ToolInfo;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns the tools of a context into the functions offered to the model. */
@Component
class ToolCatalogue {

  private final AgentDirectory directory;
  private final Connectors connectors;

  ToolCatalogue(AgentDirectory directory, Connectors connectors) {
    this.directory = directory;
    this.connectors = connectors;
  }

  /** Every operation of every offered tool, by function name. */
  Map<String, OfferedTool> offered(ToolContext context) {
    Map<String, OfferedTool> offered = new LinkedHashMap<>();
    Map<String, ToolInfo> known = directory.tools(context.offered());
    for (String slug : context.offered()) {
      Optional<ToolInfo> tool = Optional.ofNullable(known.get(slug));
      Optional<ConnectorDefinition> connector = tool.flatMap(t -> connectors.find(t.connector()));
      if (tool.isEmpty() || connector.isEmpty()) {
        continue; // removed since deploy: a call to it is refused as unknown
      }
      connector.get().operations().values().forEach(op -> {
        String name = OfferedTool.nameOf(slug, op.name());
        offered.put(name, new OfferedTool(name, tool.get(), connector.get(), op));
      });
    }
    return offered;
  }

  static List<ToolSpecification> specifications(Map<String, OfferedTool> offered) {
    List<ToolSpecification> specs = new ArrayList<>();
    for (OfferedTool tool : offered.values()) {
      specs.add(ToolSpecification.builder()
          .name(tool.name())
          .description(tool.connector().title() + ": " + tool.operation().description()
              + " (needs scope '" + tool.operation().scope() + "')")
          .parameters(object(tool.operation().parameters()))
          .build());
    }
    return specs;
  }

  /** A JSON Schema object as langchain4j's schema elements (the types connectors use). */
  static JsonObjectSchema object(JsonNode schema) {
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    if (schema.hasNonNull("description")) {
      builder.description(schema.get("description").asText());
    }
    schema.path("properties").properties().forEach(p ->
        builder.addProperty(p.getKey(), element(p.getValue())));
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    if (!required.isEmpty()) {
      builder.required(required);
    }
    return builder.build();
  }

  private static JsonSchemaElement element(JsonNode schema) {
    String description = schema.path("description").asText(null);
    return switch (schema.path("type").asText("string")) {
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "object" -> object(schema);
      case "array" -> JsonArraySchema.builder().description(description)
          .items(schema.has("items") ? element(schema.get("items"))
              : JsonStringSchema.builder().build())
          .build();
      default -> JsonStringSchema.builder().description(description).build();
    };
  }
}
