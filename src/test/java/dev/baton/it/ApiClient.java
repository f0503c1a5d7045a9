package dev.baton.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.Base64;
import java.util.Set;
import java.util.function.Predicate;

/** A small HTTP client for Baton's REST API, as a platform engineer would call it. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TERMINAL = Set.of("completed", "partially_completed", "failed",
      "aborted");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String auth;

  public ApiClient(int port, String user, String password) {
    this.base = "http://localhost:" + port;
    this.auth = user == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A client that sends no credentials, as a browser before logging in. */
  static ApiClient anonymous(int port) {
    return new ApiClient(port, null, null);
  }

  public record Response(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, Object body) {
    String text;
    try {
      text = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  public Response put(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Any method with a body of its own content type (text/plain, ...), sent as it is. */
  public Response send(String method, String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Any method with a binary body of its own content type (a zip), sent as it is. */
  public Response send(String method, String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** Any method, with a JSON body (a String is sent as it is) or none (null). */
  public Response send(String method, String path, Object body) {
    String text;
    try {
      text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        text == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      if (auth != null) {
        request.header("Authorization", auth);
      }
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a run and returns its id. */
  public String startRun(String workflowId, Object input) {
    Response r = post("/api/workflows/" + workflowId + "/runs",
        JSON.createObjectNode().putPOJO("input_data", input));
    if (r.status() != 201) {
      throw new AssertionError("start failed: " + r.status() + " " + r.body());
    }
    return r.json().get("id").asText();
  }

  public JsonNode run(String runId) {
    return get("/api/workflows/runs/" + runId).json();
  }

  /** Polls the run until it matches, failing with its last status after the timeout. */
  public JsonNode awaitRun(String runId, Predicate<JsonNode> done, Duration timeout) {
    java.util.concurrent.atomic.AtomicReference<JsonNode> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    try {
      return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode run = run(runId);
            last.set(run);
            return run;
          }, done::test);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("run " + runId + " did not get there in " + timeout + ": "
          + (last.get() == null ? "no status read" : last.get().toPrettyString()));
    }
  }

  public JsonNode awaitStatus(String runId, String status) {
    return awaitRun(runId, r -> status.equals(r.path("status").asText()), Duration.ofSeconds(60));
  }

  public JsonNode awaitEnd(String runId) {
    return awaitRun(runId, r -> TERMINAL.contains(r.path("status").asText()),
        Duration.ofSeconds(60));
  }

  /** The pending approval of a run's gate, waiting for it to appear. */
  public String awaitApproval(String runId, String nodeId) {
    try {
      return Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode p : get("/api/approvals/pending").json()) {
              if (runId.equals(p.path("run_id").asText())
                  && nodeId.equals(p.path("node_id").asText())) {
                return java.util.Optional.of(p.get("id").asText());
              }
            }
            return java.util.Optional.<String>empty();
          }, java.util.Optional::isPresent).get();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no pending approval for " + nodeId + " of run " + runId + ": "
          + run(runId).toPrettyString());
    }
  }
}
