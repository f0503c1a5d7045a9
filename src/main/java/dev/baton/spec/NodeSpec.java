package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One node of the DAG.
 *
 * @param config type-specific settings, kept as JSON so that later features can add keys
 *     without touching the format (see docs/spec-reference.md for the known ones)
 * @param description what the node is for, in words (the BPMN element's documentation)
 */
public record NodeSpec(
    String id,
    NodeType type,
    String name,
    String agentType,
    ObjectNode config,
    Long timeoutMs,
    List<String> dependencies,
    String description) {

  public NodeSpec {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
  }

  /** This node with another agent type (the one deploy matched), everything else kept. */
  public NodeSpec withAgentType(String type) {
    return new NodeSpec(id, this.type, name, type, config, timeoutMs, dependencies, description);
  }

  /** This node with another config (a pinned prompt version, merged agent config). */
  public NodeSpec withConfig(ObjectNode other) {
    return new NodeSpec(id, type, name, agentType, other, timeoutMs, dependencies, description);
  }

  public NodeSpec withDependencies(List<String> other) {
    return new NodeSpec(id, type, name, agentType, config, timeoutMs, other, description);
  }

  /** The name to show people: {@code name}, or the id when the spec gives none. */
  public String label() {
    return name == null || name.isBlank() ? id : name;
  }

  public Optional<String> configText(String key) {
    JsonNode value = config.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  public Optional<Long> configLong(String key) {
    JsonNode value = config.get(key);
    return value != null && value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
  }

  public Optional<Double> configDouble(String key) {
    JsonNode value = config.get(key);
    return value != null && value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
  }

  /** A config value that may be given as one string or as a list of strings. */
  public List<String> configList(String key) {
    JsonNode value = config.get(key);
    List<String> values = new ArrayList<>();
    if (value == null || value.isNull()) {
      return values;
    }
    if (value.isArray()) {
      value.forEach(v -> values.add(v.asText()));
    } else {
      for (String part : value.asText().split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return values;
  }
}
