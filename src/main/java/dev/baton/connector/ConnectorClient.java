package dev.baton.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.connector.ConnectorDefinition.Operation;
import dev.baton.llm.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Carries out one connector operation over HTTP: fills the URL, header and body templates from
 * the model's arguments ({@code {{args.name}}} or {@code {{args.name|default}}}; URL-encoded in
 * the URL, JSON-encoded in the body, as text in headers), resolves {@code ${env:NAME}} (or
 * {@code ${env:NAME:-default}}) secrets from the environment at call time, and maps the JSON
 * reply through the operation's response mapping. An error reply's body passes the {@link
 * Redactor} (with the secrets this call sent) before it becomes the exception's message, which
 * the tool call's record, the model and the log see.
 */
@Component
public class ConnectorClient {

  static final Pattern ARG = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_]+)\\s*(?:\\|([^}]*))?}}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REPLY_CHARS = 8000;

  private final HttpClient http;
  private final Duration timeout;
  private final Redactor redactor;

  /** With only the secrets each call sends, and the shapes of keys, to redact. */
  public ConnectorClient(Duration timeout) {
    this(timeout, Redactor.patternsOnly());
  }

  @Autowired
  public ConnectorClient(@Value("${baton.tools.http-timeout:10s}") Duration timeout,
      Redactor redactor) {
    this.timeout = timeout;
    this.redactor = redactor;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The result of a call: the status and the mapped reply. */
  public record Result(int status, JsonNode output) {}

  public Result call(ConnectorDefinition connector, Operation operation, JsonNode args) {
    JsonNode arguments = args == null || !args.isObject() ? JSON.createObjectNode() : args;
    for (String name : operation.required()) {
      if (!arguments.hasNonNull(name)) {
        throw new ConnectorException(ConnectorException.Kind.BAD_ARGUMENTS,
            "missing argument '" + name + "' for " + connector.name() + "." + operation.name(),
            null);
      }
    }
    List<String> sent = new ArrayList<>();
    String url = secrets(fill(operation.url(), arguments, ConnectorClient::urlEncode),
        connector, sent);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    } catch (IllegalArgumentException e) {
      // the URL may hold a secret: name the connector, not the URL
      throw new ConnectorException(ConnectorException.Kind.BAD_ARGUMENTS,
          "the URL of " + connector.name() + "." + operation.name() + " is not valid once "
              + "filled in", null);
    }
    for (Map.Entry<String, String> header : operation.headers().entrySet()) {
      request.header(header.getKey(),
          secrets(fill(header.getValue(), arguments, JsonNode::asText), connector, sent));
    }
    String body = operation.bodyTemplate() == null ? null
        : secrets(fill(operation.bodyTemplate(), arguments, ConnectorClient::jsonEncode),
            connector, sent);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.header("Accept", "application/json");
    request.method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectorException(ConnectorException.Kind.UNREACHABLE,
          connector.name() + "." + operation.name() + " is unreachable ("
              + e.getClass().getSimpleName() + ")", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(ConnectorException.Kind.UNREACHABLE,
          "interrupted while calling " + connector.name(), null);
    }
    if (response.statusCode() >= 400) {
      // redacted before it is shortened, so that no secret is cut in half
      throw new ConnectorException(ConnectorException.Kind.HTTP_ERROR,
          connector.name() + "." + operation.name() + " answered HTTP " + response.statusCode()
              + ": " + redactor.with(sent).redact(oneLine(response.body()), MAX_REPLY_CHARS),
          response.statusCode());
    }
    JsonNode reply = parse(response.body());
    return new Result(response.statusCode(), map(reply, operation.responseMapping()));
  }

  /** Fills {@code {{args.x}}} placeholders, encoding each value for where it goes. */
  static String fill(String template, JsonNode args, Function<JsonNode, String> encode) {
    Matcher m = ARG.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode value = args.get(m.group(1));
      if (value == null || value.isNull()) {
        if (m.group(2) == null) {
          throw new ConnectorException(ConnectorException.Kind.BAD_ARGUMENTS,
              "missing argument '" + m.group(1) + "'", null);
        }
        value = TextNode.valueOf(m.group(2));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Resolves {@code ${env:NAME}}; an unset secret without default is named, never guessed. */
  static String secrets(String text, ConnectorDefinition connector) {
    return secrets(text, connector, new ArrayList<>());
  }

  /** As above; each value taken from the environment (not a default) is added to {@code sent}. */
  static String secrets(String text, ConnectorDefinition connector, Collection<String> sent) {
    EnvSecrets.Resolved resolved = EnvSecrets.resolve(text);
    sent.addAll(resolved.sent());
    if (resolved.missing() != null) {
      throw new ConnectorException(ConnectorException.Kind.NOT_CONFIGURED,
          "connector '" + connector.name() + "' is not configured: set the environment "
              + "variable " + resolved.missing(), null);
    }
    return resolved.text();
  }

  /** The names of the secrets a definition references (to check them without resolving). */
  public static java.util.Set<String> secretNames(ConnectorDefinition connector, Operation op) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    java.util.List<String> texts = new java.util.ArrayList<>(op.headers().values());
    texts.add(op.url());
    if (op.bodyTemplate() != null) {
      texts.add(op.bodyTemplate());
    }
    for (String text : texts) {
      names.addAll(EnvSecrets.names(text, false));
    }
    return names;
  }

  static JsonNode map(JsonNode reply, Map<String, String> mapping) {
    if (mapping.isEmpty()) {
      return reply;
    }
    ObjectNode out = JSON.createObjectNode();
    mapping.forEach((field, pointer) -> out.set(field, at(reply, pointer)));
    return out;
  }

  /** A JSON Pointer where a {@code *} segment maps every element of an array. */
  static JsonNode at(JsonNode node, String pointer) {
    if (pointer.isEmpty() || pointer.equals("/")) {
      return node;
    }
    int star = pointer.indexOf("/*");
    if (star < 0) {
      JsonNode found = node.at(pointer);
      return found.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.instance : found;
    }
    JsonNode array = star == 0 ? node : node.at(pointer.substring(0, star));
    String rest = pointer.substring(star + 2);
    ArrayNode out = JSON.createArrayNode();
    if (array.isArray()) {
      array.forEach(element -> out.add(at(element, rest)));
    }
    return out;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return com.fasterxml.jackson.databind.node.NullNode.instance;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(shorten(body));
    }
  }

  /** A JSON body compacted to one line; any other text as it is. */
  private static String oneLine(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      return JSON.readTree(body).toString();
    } catch (JsonProcessingException e) {
      return body.strip();
    }
  }

  private static String shorten(String text) {
    return text.length() > MAX_REPLY_CHARS ? text.substring(0, MAX_REPLY_CHARS) + "..." : text;
  }

  private static String urlEncode(JsonNode value) {
    // slashes stay, so that a path argument can name nested resources; ? and & cannot sneak in
    return URLEncoder.encode(value.asText(), StandardCharsets.UTF_8).replace("%2F", "/")
        .replace("+", "%20");
  }

  private static String jsonEncode(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
