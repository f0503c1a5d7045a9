package dev.baton.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code connectors/<name>.json}. Top-level {@code method}, {@code url}, {@code headers} and
 * {@code body_template} are the notification channel (used by the notifier) and the defaults of
 * every operation; {@code operations} are what agents may call as tools. A definition of {@code
 * "type": "builtin"} declares the operations of a tool Baton carries out itself (git, github):
 * its operations have no URL and the tool package dispatches them by the connector's name.
 *
 * @param rateLimitPerHour null: unlimited
 * @param type {@code http} (the default) or {@code builtin}
 */
public record ConnectorDefinition(
    String name,
    String title,
    String description,
    String category,
    boolean authRequired,
    Integer rateLimitPerHour,
    BigDecimal costPerUseUsd,
    Map<String, Operation> operations,
    String type) {

  /** The type of a definition whose operations Baton itself carries out. */
  public static final String BUILTIN = "builtin";

  public boolean builtin() {
    return BUILTIN.equals(type);
  }

  /** Scopes an assignment may grant; {@code admin} covers the other two. */
  public static final List<String> SCOPES = List.of("read", "write", "admin");

  /**
   * One callable operation.
   *
   * @param scope the scope an agent's assignment needs: read, write or admin
   * @param parameters JSON Schema (object) of the arguments the model passes
   * @param responseMapping output field to JSON Pointer into the reply ({@code *} maps every
   *     element of an array); empty: the whole reply
   */
  public record Operation(
      String name,
      String description,
      String scope,
      String method,
      String url,
      Map<String, String> headers,
      String bodyTemplate,
      ObjectNode parameters,
      Map<String, String> responseMapping) {

    public List<String> required() {
      return parameters.path("required").isArray()
          ? java.util.stream.StreamSupport.stream(parameters.path("required").spliterator(), false)
              .map(JsonNode::asText).toList()
          : List.of();
    }
  }

  public Optional<Operation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  /** Reads a definition; throws {@link IllegalArgumentException} saying what is wrong. */
  public static ConnectorDefinition parse(String fileName, JsonNode json) {
    String name = json.path("name").asText(fileName);
    String type = json.path("type").asText("http");
    Map<String, String> defaultHeaders = strings(json.path("headers"));
    Map<String, Operation> operations = new LinkedHashMap<>();
    json.path("operations").properties().forEach(entry -> {
      JsonNode op = entry.getValue();
      String scope = op.path("scope").asText("read");
      if (!SCOPES.contains(scope)) {
        throw new IllegalArgumentException("connector '" + name + "': operation '"
            + entry.getKey() + "' has scope '" + scope + "'; use one of " + SCOPES);
      }
      String url = op.path("url").asText(json.path("url").asText(""));
      if (url.isBlank() && !BUILTIN.equals(type)) {
        throw new IllegalArgumentException("connector '" + name + "': operation '"
            + entry.getKey() + "' has no url");
      }
      Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
      headers.putAll(strings(op.path("headers")));
      ObjectNode parameters = op.path("parameters").isObject()
          ? (ObjectNode) op.get("parameters")
          : new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
              .put("type", "object");
      operations.put(entry.getKey(), new Operation(entry.getKey(),
          op.path("description").asText(entry.getKey()), scope,
          op.path("method").asText(json.path("method").asText("GET")).toUpperCase(),
          url, headers,
          op.hasNonNull("body_template") ? op.get("body_template").asText() : null,
          parameters, strings(op.path("response_mapping"))));
    });
    JsonNode limit = json.get("rate_limit_per_hour");
    return new ConnectorDefinition(name, json.path("title").asText(name),
        json.path("description").asText(""), json.path("category").asText("integration"),
        json.path("auth_required").asBoolean(false),
        limit == null || limit.isNull() ? null : limit.asInt(),
        json.has("cost_per_use_usd") ? json.get("cost_per_use_usd").decimalValue()
            : BigDecimal.ZERO,
        operations, type);
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }
}
