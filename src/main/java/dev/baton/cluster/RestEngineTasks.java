package dev.baton.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.agent.EngineTasks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * {@link EngineTasks} over an engine node's REST API ({@code /engine-rest}, HTTP Basic): the
 * worker of a worker-only process. fetchAndLock long-polls, so an idle worker costs one open
 * request, not a stream of polls. Engine errors come back as the engine's exceptions (a task
 * that is gone as {@link BadUserRequestException}, a conflict as {@link
 * OptimisticLockingException}) so the worker treats them exactly as with the Java API.
 */
class RestEngineTasks implements EngineTasks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> bases;
  private final AtomicInteger next = new AtomicInteger();
  private final String authorization;
  private final Duration requestTimeout;
  private final Duration longPoll;
  private final HttpClient http;

  public RestEngineTasks(RemoteEngineProperties settings) {
    this.bases = settings.url().stream()
        .map(u -> URI.create(u.toString().endsWith("/") ? u.toString() : u + "/"))
        .toList();
    if (bases.isEmpty()) {
      throw new IllegalStateException("baton.remote.url names no engine node");
    }
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = settings.requestTimeout();
    this.longPoll = settings.longPoll();
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  @Override
  public Duration longPoll() {
    return longPoll;
  }

  @Override
  public List<LockedExternalTask> fetchAndLock(String workerId, int max, String topic,
      Duration lock, List<String> variables, Duration longPoll) {
    ObjectNode body = JSON.createObjectNode()
        .put("workerId", workerId)
        .put("maxTasks", max)
        .put("usePriority", true)
        .put("asyncResponseTimeout", longPoll.toMillis());
    ObjectNode topicRequest = body.putArray("topics").addObject()
        .put("topicName", topic)
        .put("lockDuration", lock.toMillis())
        .put("includeExtensionProperties", true)
        .put("deserializeValues", false);
    ArrayNode names = topicRequest.putArray("variables");
    variables.forEach(names::add);
    JsonNode answer = post("external-task/fetchAndLock", body,
        requestTimeout.plus(longPoll));
    List<LockedExternalTask> tasks = new ArrayList<>();
    for (JsonNode task : answer) {
      tasks.add(RemoteTask.of(task));
    }
    return tasks;
  }

  @Override
  public void complete(String taskId, String workerId, Map<String, Object> variables) {
    ObjectNode body = JSON.createObjectNode().put("workerId", workerId);
    body.set("variables", RestVariables.toRest(variables));
    post("external-task/" + taskId + "/complete", body, requestTimeout);
  }

  @Override
  public void handleFailure(String taskId, String workerId, String errorMessage,
      String errorDetails, int retries, long retryTimeoutMs) {
    post("external-task/" + taskId + "/failure", JSON.createObjectNode()
        .put("workerId", workerId)
        .put("errorMessage", errorMessage)
        .put("errorDetails", errorDetails)
        .put("retries", retries)
        .put("retryTimeout", retryTimeoutMs), requestTimeout);
  }

  @Override
  public void handleBpmnError(String taskId, String workerId, String errorCode,
      String errorMessage, Map<String, Object> variables) {
    ObjectNode body = JSON.createObjectNode()
        .put("workerId", workerId)
        .put("errorCode", errorCode)
        .put("errorMessage", errorMessage);
    body.set("variables", RestVariables.toRest(variables));
    post("external-task/" + taskId + "/bpmnError", body, requestTimeout);
  }

  @Override
  public void extendLock(String taskId, String workerId, long newLockDurationMs) {
    post("external-task/" + taskId + "/extendLock", JSON.createObjectNode()
        .put("workerId", workerId)
        .put("newDuration", newLockDurationMs), requestTimeout);
  }

  /**
   * Reads the variable from the task's run (process instance scope, where node outputs and the
   * run input live; Baton's compiled processes have no sub-process scopes with own variables).
   */
  @Override
  public Object variable(LockedExternalTask task, String name) {
    String path = "process-instance/" + task.getProcessInstanceId() + "/variables/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
        + "?deserializeValue=false";
    HttpResponse<String> response = send(path, HttpRequest.Builder::GET, requestTimeout);
    if (response.statusCode() == 404) {
      return null;
    }
    return RestVariables.fromRest(check(response));
  }

  private JsonNode post(String path, JsonNode body, Duration timeout) {
    String json = body.toString();
    return check(send(path, request -> request.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), timeout));
  }

  /**
   * Sends to the next engine node in turn; a node that cannot be reached (connection refused,
   * reset, timed out) hands the request to the next one. Only when none answers does the
   * request fail. Every call is safe to repeat on another node: the state is in the database.
   */
  private HttpResponse<String> send(String path, UnaryOperator<HttpRequest.Builder> method,
      Duration timeout) {
    int first = Math.floorMod(next.getAndIncrement(), bases.size());
    IOException last = null;
    for (int i = 0; i < bases.size(); i++) {
      URI base = bases.get((first + i) % bases.size());
      HttpRequest request = method.apply(HttpRequest.newBuilder(base.resolve(path)))
          .header("Authorization", authorization)
          .header("Accept", "application/json")
          .timeout(timeout)
          .build();
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineUnreachableException("interrupted while calling " + base, e);
      }
    }
    throw new EngineUnreachableException("no engine node answered (" + bases + "): " + last,
        last);
  }

  /** The answer's JSON, or the engine's error as the engine's exception. */
  private JsonNode check(HttpResponse<String> response) {
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      if (text.isBlank()) {
        return JSON.nullNode();
      }
      return parse(text);
    }
    String type = "";
    String message = text;
    if (text.startsWith("{")) {
      JsonNode error = parse(text);
      type = error.path("type").asText("");
      message = error.path("message").asText(text);
    }
    if (status == 401 || status == 403) {
      throw new EngineUnreachableException("engine REST API refused the "
          + "worker's credentials (HTTP " + status + "); check baton.remote.username/password");
    }
    if (type.contains("OptimisticLocking")) {
      throw new OptimisticLockingException(message);
    }
    // 404: the task is gone; 400: the engine's BadUserRequestException (e.g. the task is
    // locked by another worker now), which the REST API reports as a RestException
    if (status == 404 || status == 400 || type.contains("NotFound")
        || type.contains("BadUserRequest")) {
      throw new BadUserRequestException(message);
    }
    throw new ProcessEngineException("engine REST API answered HTTP " + status + " ("
        + type + "): " + message);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProcessEngineException("engine REST API answered with invalid JSON", e);
    }
  }
}
