package dev.baton.tool.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One call to GitHub's REST API with the headers GitHub asks for, and its error replies turned
 * into messages an agent (and an operator reading {@code baton_tool_call}) can act on: a bad
 * token, a missing repository or one the token cannot see, a refused change with GitHub's own
 * reasons, an exhausted rate limit with the time it resets. Only GitHub's {@code message} and
 * {@code errors} are quoted, never the request, so the token cannot leak into a message.
 */
final class GitHubApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;

  private final HttpClient http;
  private final Duration timeout;

  GitHubApi(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  record Answer(int status, JsonNode body) {}

  Answer send(String method, String url, JsonNode body, String token, String what) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "not a valid GitHub URL for " + what,
          null);
    }
    request.header("Authorization", "Bearer " + token)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "baton-github-tool");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString()));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectorException(Kind.UNREACHABLE, "GitHub is unreachable ("
          + e.getClass().getSimpleName() + ") for " + what, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(Kind.UNREACHABLE, "interrupted while calling GitHub", null);
    }
    JsonNode reply = parse(response.body());
    int status = response.statusCode();
    if (status >= 400) {
      throw new ConnectorException(Kind.HTTP_ERROR, explain(status, response, reply, what),
          status);
    }
    return new Answer(status, reply);
  }

  /** The message for an error reply: what went wrong, and what to do about it. */
  static String explain(int status, HttpResponse<?> response, JsonNode reply, String what) {
    String message = shorten(reply.path("message").asText(""));
    String remaining = response.headers().firstValue("x-ratelimit-remaining").orElse(null);
    String retryAfter = response.headers().firstValue("retry-after").orElse(null);
    if ((status == 403 || status == 429) && "0".equals(remaining)) {
      String reset = response.headers().firstValue("x-ratelimit-reset").orElse(null);
      String when = "";
      if (reset != null && reset.matches("\\d+")) {
        Instant at = Instant.ofEpochSecond(Long.parseLong(reset));
        long in = Math.max(0, Duration.between(Instant.now(), at).toSeconds());
        when = "; it resets at " + at + " (in " + in + " s)";
      }
      return "GitHub's rate limit is used up (HTTP " + status + ", limit "
          + response.headers().firstValue("x-ratelimit-limit").orElse("?") + " requests an hour)"
          + when + ": try later, or answer without GitHub";
    }
    if ((status == 403 || status == 429) && retryAfter != null) {
      return "GitHub's secondary rate limit was hit (HTTP " + status + "): retry after "
          + retryAfter + " s, and make fewer calls at once";
    }
    return switch (status) {
      case 401 -> "GitHub rejected the token (HTTP 401" + quoted(message) + "): the token in "
          + "the environment is wrong or expired";
      case 403 -> "GitHub refused " + what + " (HTTP 403" + quoted(message) + "): the token "
          + "lacks the permission for it";
      case 404 -> "not found on GitHub: " + what + " (HTTP 404; it does not exist, or the token "
          + "cannot see it)";
      case 409 -> "GitHub reports a conflict for " + what + " (HTTP 409" + quoted(message) + ")";
      case 422 -> "GitHub refused " + what + " as invalid (HTTP 422" + quoted(message) + ")"
          + errors(reply);
      default -> "GitHub answered HTTP " + status + " for " + what + quoted(message);
    };
  }

  private static String errors(JsonNode reply) {
    List<String> found = new ArrayList<>();
    for (JsonNode e : reply.path("errors")) {
      if (e.isTextual()) {
        found.add(e.asText());
      } else if (e.hasNonNull("message")) {
        found.add(e.get("message").asText());
      } else {
        found.add(e.path("resource").asText("?") + "." + e.path("field").asText("?") + " "
            + e.path("code").asText("invalid"));
      }
    }
    return found.isEmpty() ? "" : ": " + shorten(String.join("; ", found));
  }

  private static String quoted(String message) {
    return message.isEmpty() ? "" : ": " + message;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return NullNode.instance;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return NullNode.instance;
    }
  }

  private static String shorten(String text) {
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
  }
}
