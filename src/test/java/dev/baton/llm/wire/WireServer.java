package dev.baton.llm.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A local server speaking two providers' wire protocols: OpenAI chat completions ({@code POST
 * .../chat/completions}) and Anthropic messages ({@code POST .../messages}). What it answers is
 * scripted per model name (the request's {@code "model"}): a queue of {@link WireReply}s taken
 * one a request, then a fallback (by default a text reply). A failure ratio makes a model fail
 * that share of its requests, reproducibly. Every request is recorded with its arrival time and
 * headers. Listens on 127.0.0.1 only.
 */
public final class WireServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Received(Instant at, String protocol, String model, JsonNode body,
      Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wire-server");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Deque<WireReply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Supplier<WireReply>> fallbacks = new ConcurrentHashMap<>();
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

  private WireServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  public static WireServer start() {
    try {
      return new WireServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the wire server", e);
    }
  }

  /** Base URL for langchain4j's OpenAI client (and any OpenAI-compatible configuration). */
  public String openAiBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/openai/v1";
  }

  /** Base URL for langchain4j's Anthropic client. */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/anthropic/v1/";
  }

  /** Queues replies for a model's next requests. */
  public WireServer script(String model, WireReply... replies) {
    Deque<WireReply> queue = scripts.computeIfAbsent(model, m -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(replies));
    }
    return this;
  }

  /** What a model answers when its queue is empty. */
  public WireServer otherwise(String model, WireReply reply) {
    fallbacks.put(model, () -> reply);
    return this;
  }

  /**
   * Makes a model fail a share of its requests (reproducibly, from the seed) with {@code
   * failure}, and answer {@code success} otherwise, once its queue is empty.
   */
  public WireServer failureRatio(String model, double ratio, long seed, WireReply failure,
      WireReply success) {
    Random random = new Random(seed);
    fallbacks.put(model, () -> {
      synchronized (random) {
        return random.nextDouble() < ratio ? failure : success;
      }
    });
    return this;
  }

  /**
   * Makes a model fail a share of its requests, each failure drawn evenly from {@code
   * failures}, reproducibly from the seed (the sequence of answers is the seed's; which request
   * gets which depends on arrival order), and answer {@code success} otherwise.
   */
  public WireServer chaos(String model, double ratio, long seed, List<WireReply> failures,
      WireReply success) {
    Random random = new Random(seed);
    fallbacks.put(model, () -> {
      synchronized (random) {
        return random.nextDouble() < ratio ? failures.get(random.nextInt(failures.size()))
            : success;
      }
    });
    return this;
  }

  public List<Received> requests(String model) {
    List<Received> list = received.get(model);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  public int count(String model) {
    return requests(model).size();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String protocol = path.endsWith("/chat/completions") ? "openai"
          : path.endsWith("/messages") ? "anthropic" : null;
      if (protocol == null || !"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 404, "{\"error\":{\"message\":\"no such path: " + path + "\"}}", null);
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String model = body.path("model").asText();
      List<Received> log = received.computeIfAbsent(model, m -> new ArrayList<>());
      synchronized (log) {
        log.add(new Received(Instant.now(), protocol, model, body,
            Map.copyOf(exchange.getRequestHeaders())));
      }
      WireReply reply = next(model);
      if (reply.hold() != null) {
        reply.hold().await(60, TimeUnit.SECONDS);
      }
      // a slow provider is what such a reply simulates: this sleep is the test subject
      if (!reply.delay().isZero()) {
        Thread.sleep(reply.delay().toMillis());
      }
      respond(exchange, protocol, model, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (a timeout): nothing to answer
    }
  }

  private WireReply next(String model) {
    Deque<WireReply> queue = scripts.get(model);
    if (queue != null) {
      synchronized (queue) {
        if (!queue.isEmpty()) {
          return queue.poll();
        }
      }
    }
    Supplier<WireReply> fallback = fallbacks.get(model);
    return fallback != null ? fallback.get() : WireReply.text("wire reply from " + model);
  }

  private void respond(HttpExchange exchange, String protocol, String model, WireReply reply)
      throws IOException {
    switch (reply.kind()) {
      case MALFORMED -> send(exchange, 200, "{\"id\": \"broken\", \"choices\": [ {\"mess", null);
      case ERROR -> send(exchange, reply.status(), errorBody(protocol, reply.status(),
          "scripted failure " + reply.status()), reply.retryAfter());
      case ECHO_KEY -> send(exchange, reply.status(), errorBody(protocol, reply.status(),
          reply.status() == 401
              ? "Incorrect API key provided: " + sentKey(exchange) + ". You can find your API "
                  + "key in your account settings."
              : "upstream failed for request with Authorization: " + sentAuthorization(exchange)
                  + " (key " + sentKey(exchange) + ")"), null);
      default -> send(exchange, 200, "openai".equals(protocol) ? openAi(model, reply)
          : anthropic(model, reply), null);
    }
  }

  private static String sentAuthorization(HttpExchange exchange) {
    String bearer = exchange.getRequestHeaders().getFirst("Authorization");
    return bearer != null ? bearer : "x-api-key " + sentKey(exchange);
  }

  private static String sentKey(HttpExchange exchange) {
    String bearer = exchange.getRequestHeaders().getFirst("Authorization");
    if (bearer != null) {
      return bearer.replaceFirst("^Bearer ", "");
    }
    String key = exchange.getRequestHeaders().getFirst("x-api-key");
    return key == null ? "(none)" : key;
  }

  private static String openAi(String model, WireReply reply) {
    ObjectNode root = JSON.createObjectNode()
        .put("id", "chatcmpl-wire").put("object", "chat.completion")
        .put("created", Instant.now().getEpochSecond()).put("model", model + "-2026-01-01");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (reply.kind() == WireReply.Kind.TOOL_CALLS) {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      for (WireReply.ToolCall call : reply.toolCalls()) {
        calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
            .put("name", call.name()).put("arguments", call.argumentsJson());
      }
      choice.put("finish_reason", "tool_calls");
    } else if (reply.kind() == WireReply.Kind.REFUSAL) {
      message.putNull("content");
      message.put("refusal", reply.text());
      choice.put("finish_reason", "stop");
    } else {
      message.put("content", reply.text());
      choice.put("finish_reason",
          reply.kind() == WireReply.Kind.CONTENT_FILTER ? "content_filter" : "stop");
    }
    WireReply.WireUsage u = reply.usage();
    ObjectNode usage = root.putObject("usage").put("prompt_tokens", u.input())
        .put("completion_tokens", u.output()).put("total_tokens", u.input() + u.output());
    usage.putObject("prompt_tokens_details").put("cached_tokens", u.cached());
    usage.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoning());
    return root.toString();
  }

  private static String anthropic(String model, WireReply reply) {
    ObjectNode root = JSON.createObjectNode().put("id", "msg_wire").put("type", "message")
        .put("role", "assistant").put("model", model + "-20260101");
    ArrayNode content = root.putArray("content");
    if (reply.kind() == WireReply.Kind.TOOL_CALLS) {
      for (WireReply.ToolCall call : reply.toolCalls()) {
        try {
          content.addObject().put("type", "tool_use").put("id", call.id())
              .put("name", call.name()).set("input", JSON.readTree(call.argumentsJson()));
        } catch (IOException e) {
          throw new IllegalArgumentException(e);
        }
      }
      root.put("stop_reason", "tool_use");
    } else {
      content.addObject().put("type", "text").put("text", reply.text());
      root.put("stop_reason", reply.kind() == WireReply.Kind.REFUSAL ? "refusal" : "end_turn");
    }
    root.putNull("stop_sequence");
    WireReply.WireUsage u = reply.usage();
    // Anthropic counts cache reads apart from input_tokens
    root.putObject("usage").put("input_tokens", u.input() - u.cached())
        .put("output_tokens", u.output()).put("cache_read_input_tokens", u.cached())
        .put("cache_creation_input_tokens", 0);
    return root.toString();
  }

  private static String errorBody(String protocol, int status, String message) {
    String type = switch (status) {
      case 401 -> "authentication_error";
      case 429 -> "rate_limit_error";
      case 400 -> "invalid_request_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
    ObjectNode root = JSON.createObjectNode();
    if ("anthropic".equals(protocol)) {
      root.put("type", "error");
    }
    root.putObject("error").put("type", type).put("message", message);
    return root.toString();
  }

  private static void send(HttpExchange exchange, int status, String body, String retryAfter)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
