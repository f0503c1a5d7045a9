package dev.baton.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.llm.wire.WireReply;
import dev.baton.llm.wire.WireReply.WireUsage;
import dev.baton.llm.wire.WireServer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * langchain4j's real OpenAI and Anthropic clients, built by the catalogue, against the local
 * wire server: usage with cached and reasoning tokens, Retry-After, retries, timeouts, refused
 * keys, malformed replies, the circuit breaker, Baton's own limits and structured output.
 */
class ProviderWireTest {

  private static final String KEY = "sk-test-0123456789abcdefSECRET";
  private static WireServer wire;

  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  private final RateLimiterRegistry rates = RateLimiterRegistry.ofDefaults();
  private final RetryRegistry retries = RetryRegistry.ofDefaults();

  @BeforeAll
  static void startServer() {
    wire = WireServer.start();
  }

  @AfterAll
  static void stopServer() {
    wire.close();
  }

  private static final LlmProperties.RetrySettings FAST_RETRY = new LlmProperties.RetrySettings(
      3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200), 0.5, Duration.ofSeconds(5));

  private static LlmProperties.Model openAi(String model) {
    return new LlmProperties.Model("wire-openai", model, null, null, null, null, null, null,
        null, null);
  }

  private static LlmProperties.Model anthropic(String model) {
    return new LlmProperties.Model("wire-anthropic", model, null, null, null, null, null, null,
        null, null);
  }

  private ProviderCatalogue catalogue(Map<String, LlmProperties.Model> models) {
    return catalogue(models, FAST_RETRY, null);
  }

  private ProviderCatalogue catalogue(Map<String, LlmProperties.Model> models,
      LlmProperties.RetrySettings retry, LlmProperties.BreakerSettings breaker) {
    Map<String, LlmProperties.Model> all = new HashMap<>(models);
    all.put("baton-simulated", new LlmProperties.Model("simulated", null, null, null, null, null,
        null, null, null, null));
    Map<String, LlmProperties.Provider> providers = Map.of(
        "wire-openai", new LlmProperties.Provider("openai", wire.openAiBaseUrl(), "WIRE_KEY",
            Duration.ofSeconds(2), null, retry, breaker),
        "wire-anthropic", new LlmProperties.Provider("anthropic", wire.anthropicBaseUrl(),
            "WIRE_KEY", Duration.ofSeconds(2), null, retry, breaker));
    LlmProperties properties = new LlmProperties("baton-simulated", 1024,
        new LlmProperties.Simulated(0), Map.of(), providers, all, 2);
    return new ProviderCatalogue(properties, name -> "WIRE_KEY".equals(name) ? KEY : null,
        new SimulatedChatModel(Duration.ZERO), breakers, retries, rates,
        BulkheadRegistry.ofDefaults());
  }

  private static ChatRequest ask(String prompt) {
    return ChatRequest.builder()
        .messages(SystemMessage.from("You are a test."), UserMessage.from(prompt))
        .maxOutputTokens(100).build();
  }

  @Test
  void openAiReplyCarriesUsageWithCachedAndReasoningTokensAndTheKeyIsSent() {
    wire.script("oa-normal", WireReply.text("hello", new WireUsage(120, 40, 100, 16)));
    ChatResponse response = catalogue(Map.of("normal", openAi("oa-normal")))
        .model("normal").chat(ask("hi"));

    assertThat(response.aiMessage().text()).isEqualTo("hello");
    assertThat(Usage.of(response.tokenUsage())).isEqualTo(new Usage(120, 40, 100, 16));
    assertThat(wire.requests("oa-normal").get(0).headers().get("Authorization"))
        .containsExactly("Bearer " + KEY);
  }

  @Test
  void anthropicReplyCountsCacheReadsAsCachedInput() {
    wire.script("an-normal", WireReply.text("bonjour", new WireUsage(300, 20, 200, 0)));
    ChatResponse response = catalogue(Map.of("claude", anthropic("an-normal")))
        .model("claude").chat(ask("hi"));

    assertThat(response.aiMessage().text()).isEqualTo("bonjour");
    assertThat(Usage.of(response.tokenUsage())).isEqualTo(new Usage(300, 20, 200, 0));
    assertThat(wire.requests("an-normal").get(0).headers().get("X-api-key"))
        .containsExactly(KEY);
  }

  @Test
  void rateLimitedCallWaitsAtLeastRetryAfterThenSucceeds() {
    wire.script("oa-429", WireReply.error(429, "1"), WireReply.text("after the wait"));
    ChatResponse response = catalogue(Map.of("limited", openAi("oa-429")))
        .model("limited").chat(ask("hi"));

    assertThat(response.aiMessage().text()).isEqualTo("after the wait");
    List<WireServer.Received> requests = wire.requests("oa-429");
    assertThat(requests).hasSize(2);
    // FAST_RETRY's backoff is 50 ms: only Retry-After explains a second's wait
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void retryAfterLongerThanTheInCallLimitFailsAtOnceWithTheWait() {
    wire.script("oa-429-long", WireReply.error(429, "60"));
    assertThatThrownBy(() -> catalogue(Map.of("long", openAi("oa-429-long")))
        .model("long").chat(ask("hi")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
          assertThat(e.getMessage()).contains("HTTP 429").contains("Retry-After 60000 ms");
        });
    assertThat(wire.count("oa-429-long")).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedThenTransient() {
    wire.otherwise("oa-500", WireReply.error(500));
    assertThatThrownBy(() -> catalogue(Map.of("down", openAi("oa-500")))
        .model("down").chat(ask("hi")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("model 'down'").contains("HTTP 500");
        });
    assertThat(wire.count("oa-500")).isEqualTo(3);
  }

  @Test
  void refusedKeyIsPermanentAndTheMessageNeverContainsTheKey() {
    wire.otherwise("oa-401", WireReply.unauthorizedEchoingKey());
    wire.otherwise("an-401", WireReply.unauthorizedEchoingKey());
    ProviderCatalogue catalogue = catalogue(Map.of("bad-key", openAi("oa-401"),
        "bad-key-anthropic", anthropic("an-401")));
    for (String model : List.of("bad-key", "bad-key-anthropic")) {
      assertThatThrownBy(() -> catalogue.model(model).chat(ask("hi")))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.PERMANENT);
            assertThat(e.getMessage()).contains("HTTP 401").contains("WIRE_KEY")
                .doesNotContain(KEY).doesNotContain("SECRET");
            assertThat(e.getCause()).isNull();
          });
    }
    // not retried
    assertThat(wire.count("oa-401")).isEqualTo(1);
  }

  @Test
  void failureQuotingTheKeyIsRetriedAndNeitherTheExceptionNorTheEventsHoldTheKey() {
    wire.otherwise("oa-503-echo", WireReply.errorEchoingKey(503));
    wire.otherwise("an-503-echo", WireReply.errorEchoingKey(503));
    ProviderCatalogue catalogue = catalogue(Map.of("echo", openAi("oa-503-echo"),
        "echo-anthropic", anthropic("an-503-echo")));
    List<String> events = new ArrayList<>();
    for (String model : List.of("echo", "echo-anthropic")) {
      catalogue.model(model);
      // what resilience4j keeps, and the actuator's event endpoints show
      retries.retry("model." + model).getEventPublisher().onEvent(e -> events.add(e.toString()));
      breakers.circuitBreaker("model." + model).getEventPublisher()
          .onEvent(e -> events.add(e.toString()));
      assertThatThrownBy(() -> catalogue.model(model).chat(ask("hi")))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
            assertThat(e.getMessage()).contains("HTTP 503").contains("api_error")
                .contains("(key [redacted])").doesNotContain(KEY).doesNotContain("SECRET");
            if (model.equals("echo")) {
              assertThat(e.getMessage()).contains("Authorization: Bearer [redacted]");
            }
          });
    }
    assertThat(wire.count("oa-503-echo")).isEqualTo(3);
    assertThat(events).hasSizeGreaterThan(6).anySatisfy(e -> assertThat(e).contains("HTTP 503"))
        .allSatisfy(e -> assertThat(e).doesNotContain(KEY).doesNotContain("SECRET"));
  }

  @Test
  void malformedReplyIsPermanent() {
    wire.otherwise("oa-malformed", WireReply.malformed());
    assertThatThrownBy(() -> catalogue(Map.of("broken", openAi("oa-malformed")))
        .model("broken").chat(ask("hi")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(LlmException.Kind.PERMANENT);
          assertThat(e.getMessage()).contains("not valid JSON");
        });
  }

  @Test
  void slowReplyPastTheTimeoutIsTransient() {
    wire.otherwise("oa-slow", WireReply.text("too late").after(Duration.ofSeconds(3)));
    LlmProperties.RetrySettings once = new LlmProperties.RetrySettings(1, null, null, null,
        null, null);
    long started = System.nanoTime();
    assertThatThrownBy(() -> catalogue(Map.of("slow", openAi("oa-slow")), once, null)
        .model("slow").chat(ask("hi")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("timeout");
        });
    // the provider's timeout is 2 s
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void circuitOpensOnOutageAndStopsCallingTheProvider() {
    wire.otherwise("oa-outage", WireReply.error(503));
    LlmProperties.RetrySettings once = new LlmProperties.RetrySettings(1, null, null, null,
        null, null);
    LlmProperties.BreakerSettings breaker =
        new LlmProperties.BreakerSettings(50f, 4, 4, Duration.ofMinutes(1), 1);
    ProviderCatalogue catalogue =
        catalogue(Map.of("outage", openAi("oa-outage")), once, breaker);
    List<String> messages = new ArrayList<>();
    List<LlmException.Blame> blames = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try {
        catalogue.model("outage").chat(ask("hi"));
      } catch (LlmException e) {
        assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
        messages.add(e.getMessage());
        blames.add(e.blame());
      }
    }
    assertThat(messages).hasSize(6);
    assertThat(wire.count("oa-outage")).isEqualTo(4);
    assertThat(messages.get(5)).contains("circuit breaker is open");
    assertThat(breakers.circuitBreaker("model.outage").getState())
        .isEqualTo(CircuitBreaker.State.OPEN);
    // no failure here is a task's own: too few calls to call the provider healthy, then refusals
    assertThat(blames).containsExactly(LlmException.Blame.OUTAGE, LlmException.Blame.OUTAGE,
        LlmException.Blame.OUTAGE, LlmException.Blame.OUTAGE, LlmException.Blame.REFUSED,
        LlmException.Blame.REFUSED);
    // the worker knows how long the breaker still refuses, and the failure behind it
    assertThat(catalogue.refusedFor("outage")).isGreaterThan(Duration.ofSeconds(50))
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(catalogue.lastFailure("outage")).contains("HTTP 503");
  }

  @Test
  void aFailureWhileTheProviderServesOtherCallsIsTheCallsOwn() {
    wire.script("oa-mostly-fine", WireReply.text("1"), WireReply.text("2"), WireReply.text("3"),
        WireReply.text("4"), WireReply.text("5"), WireReply.text("6"), WireReply.text("7"),
        WireReply.text("8"), WireReply.error(502));
    LlmProperties.RetrySettings once = new LlmProperties.RetrySettings(1, null, null, null,
        null, null);
    ProviderCatalogue catalogue = catalogue(Map.of("fine", openAi("oa-mostly-fine")), once,
        new LlmProperties.BreakerSettings(50f, 10, 4, Duration.ofMinutes(1), 1));
    for (int i = 0; i < 8; i++) {
      catalogue.model("fine").chat(ask("call " + i));
    }
    assertThatThrownBy(() -> catalogue.model("fine").chat(ask("unlucky")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.blame()).isEqualTo(LlmException.Blame.CALL);
          assertThat(e.spendsRetry()).isTrue();
        });
    assertThat(catalogue.refusedFor("fine")).isZero();
  }

  @Test
  void failureRatioIsAbsorbedByRetries() {
    wire.failureRatio("oa-flaky", 0.3, 42, WireReply.error(502), WireReply.text("ok"));
    ProviderCatalogue catalogue = catalogue(Map.of("flaky", openAi("oa-flaky")),
        new LlmProperties.RetrySettings(6, Duration.ofMillis(5), 1.0, Duration.ofMillis(5), 0.0,
            null), new LlmProperties.BreakerSettings(90f, 100, 100, null, null));
    for (int i = 0; i < 20; i++) {
      assertThat(catalogue.model("flaky").chat(ask("call " + i)).aiMessage().text())
          .isEqualTo("ok");
    }
    assertThat(wire.count("oa-flaky")).isGreaterThan(20);
  }

  @Test
  void ownRequestLimitRefusesBeyondItsWindowAsTransient() {
    LlmProperties.Limits twoPerMinute = new LlmProperties.Limits(2, null, null, null, null,
        Duration.ofMillis(100));
    LlmProperties.Model model = new LlmProperties.Model("wire-openai", "oa-rpm", null, null,
        null, null, twoPerMinute, null, null, null);
    ProviderCatalogue catalogue = catalogue(Map.of("rpm", model));
    catalogue.model("rpm").chat(ask("1"));
    catalogue.model("rpm").chat(ask("2"));
    assertThatThrownBy(() -> catalogue.model("rpm").chat(ask("3")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("rate or token limit");
          // Baton's own limit: the task waits for it without spending a retry
          assertThat(e.blame()).isEqualTo(LlmException.Blame.REFUSED);
          assertThat(e.spendsRetry()).isFalse();
        });
    assertThat(wire.count("oa-rpm")).isEqualTo(2);
    assertThat(rates.rateLimiter("model.rpm.requests-per-minute").getMetrics()
        .getAvailablePermissions()).isZero();
  }

  @Test
  void tokenBucketTakesTheEstimatedTokensOfEachCall() {
    // 100 output tokens + a short prompt: the second call does not fit in 150 tokens a minute
    LlmProperties.Limits tokens = new LlmProperties.Limits(null, null, null, 150, null,
        Duration.ofMillis(100));
    LlmProperties.Model model = new LlmProperties.Model("wire-openai", "oa-tpm", null, null,
        null, null, tokens, null, null, null);
    ProviderCatalogue catalogue = catalogue(Map.of("tpm", model));
    catalogue.model("tpm").chat(ask("a"));
    assertThatThrownBy(() -> catalogue.model("tpm").chat(ask("b")))
        .isInstanceOf(LlmException.class).hasMessageContaining("rate or token limit");
    assertThat(wire.count("oa-tpm")).isEqualTo(1);
  }

  @Test
  void unknownModelAndMissingKeyAreClearPermanentErrors() {
    ProviderCatalogue catalogue = catalogue(Map.of("normal", openAi("oa-x")));
    assertThatThrownBy(() -> catalogue.model("gpt-9"))
        .isInstanceOfSatisfying(LlmException.class, e ->
            assertThat(e.kind()).isEqualTo(LlmException.Kind.PERMANENT))
        .hasMessageContaining("unknown model 'gpt-9'")
        .hasMessageContaining("known models: baton-simulated, normal")
        .hasMessageContaining("baton.llm.models");

    LlmProperties.Model keyless = new LlmProperties.Model("openai", "gpt-4o-mini", null,
        "BATON_TEST_UNSET_KEY", null, null, null, null, null, null);
    assertThatThrownBy(() -> catalogue(Map.of("keyless", keyless)).model("keyless"))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("BATON_TEST_UNSET_KEY, which is not set");
    // the default model needs no key and no network
    assertThat(catalogue.model(null).chat(ask("offline")).aiMessage().text()).isNotBlank();
  }

  @Test
  void structuredOutputIsAskedAsJsonAndReaskedWhenInvalid() {
    wire.script("oa-json", WireReply.text("Sure! here it is"),
        WireReply.text("{\"passed\": true, \"score\": 0.9}", WireUsage.of(30, 8)));
    ProviderCatalogue catalogue = catalogue(Map.of("json", openAi("oa-json")));
    List<ModelReplies.Call> paid = new ArrayList<>();
    ModelReplies.Reply reply = new ModelReplies(2).ask(catalogue.model("json"),
        ChatRequest.builder().messages(UserMessage.from("judge"))
            .responseFormat(ResponseFormat.JSON).build(), true, paid::add);

    assertThat(reply.json().path("passed").asBoolean()).isTrue();
    assertThat(reply.calls()).isEqualTo(2);
    assertThat(paid).hasSize(2);
    assertThat(reply.usage()).isEqualTo(new Usage(40, 13, 0, 0));
    List<WireServer.Received> requests = wire.requests("oa-json");
    assertThat(requests.get(0).body().at("/response_format/type").asText())
        .isEqualTo("json_object");
    // the second request shows the model its first reply and what was wrong with it
    assertThat(requests.get(1).body().path("messages").toString())
        .contains("Sure! here it is").contains("not a valid JSON object");
  }

  @Test
  void structuredOutputFailsPermanentlyAfterItsAttempts() {
    wire.script("oa-prose", WireReply.text("no"), WireReply.text("[1, 2]"));
    ProviderCatalogue catalogue = catalogue(Map.of("prose", openAi("oa-prose")));
    List<ModelReplies.Call> paid = new ArrayList<>();
    assertThatThrownBy(() -> new ModelReplies(2).ask(catalogue.model("prose"),
        ChatRequest.builder().messages(UserMessage.from("judge"))
            .responseFormat(ResponseFormat.JSON).build(), true, paid::add))
        .isInstanceOfSatisfying(LlmException.class, e ->
            assertThat(e.kind()).isEqualTo(LlmException.Kind.PERMANENT))
        .hasMessageContaining("after 2 attempt(s)")
        .hasMessageContaining("not an object");
    // both calls were paid
    assertThat(paid).hasSize(2);
  }

  @Test
  void anthropicIsAskedForJsonInWordsAndAFencedReplyIsAccepted() {
    wire.script("an-json", WireReply.text("```json\n{\"ok\": 1}\n```"));
    ProviderCatalogue catalogue = catalogue(Map.of("claude-json", anthropic("an-json")));
    ModelReplies.Reply reply = new ModelReplies(1).ask(catalogue.model("claude-json"),
        ChatRequest.builder().messages(SystemMessage.from("sys"), UserMessage.from("judge"))
            .responseFormat(ResponseFormat.JSON).build(), true, call -> { });

    assertThat(reply.json().path("ok").asInt()).isEqualTo(1);
    assertThat(wire.requests("an-json").get(0).body().toString())
        .contains(ResilientChatModel.JSON_INSTRUCTION);
  }

  @Test
  void refusalsAndContentFiltersAreThePolicyClass() {
    wire.script("oa-policy", WireReply.refusal("I can't help with that"),
        WireReply.contentFiltered());
    ProviderCatalogue catalogue = catalogue(Map.of("policy", openAi("oa-policy")));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> catalogue.model("policy").chat(ask("something forbidden")))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.POLICY);
            assertThat(e.getMessage()).contains("content filter");
          });
    }
    // neither is retried
    assertThat(wire.count("oa-policy")).isEqualTo(2);

    wire.script("an-policy", WireReply.refusal("I can't help with that"));
    assertThatThrownBy(() -> catalogue(Map.of("claude-policy", anthropic("an-policy")))
        .model("claude-policy").chat(ask("something forbidden")))
        .isInstanceOfSatisfying(LlmException.class, e ->
            assertThat(e.kind()).isEqualTo(LlmException.Kind.POLICY));
  }

  @Test
  void toolCallsOfBothProtocolsReachLangchain4j() {
    WireReply.ToolCall call = new WireReply.ToolCall("call_1", "create_issue",
        "{\"title\": \"Fix login\"}");
    wire.script("oa-tools", WireReply.toolCalls(WireUsage.of(50, 20), call));
    wire.script("an-tools", WireReply.toolCalls(WireUsage.of(50, 20), call));
    ProviderCatalogue catalogue = catalogue(Map.of("tools-openai", openAi("oa-tools"),
        "tools-anthropic", anthropic("an-tools")));
    for (String model : List.of("tools-openai", "tools-anthropic")) {
      ChatResponse response = catalogue.model(model).chat(ask("file an issue"));
      assertThat(response.aiMessage().toolExecutionRequests()).singleElement()
          .satisfies(request -> {
            assertThat(request.name()).isEqualTo("create_issue");
            assertThat(request.arguments()).contains("Fix login");
          });
    }
  }

  private static final String SCHEMA = "{\"type\": \"object\", \"required\": [\"passed\"],"
      + " \"properties\": {\"passed\": {\"type\": \"boolean\"}}}";

  @Test
  void outputSchemaIsSentAsTheResponseSchemaAndEnforced() throws Exception {
    wire.script("oa-schema", WireReply.text("{\"passed\": \"yes\"}"),
        WireReply.text("{\"passed\": true}"));
    ProviderCatalogue catalogue = catalogue(Map.of("schema", openAi("oa-schema")));
    ModelReplies.Reply reply = new ModelReplies(2).ask(catalogue.model("schema"),
        ChatRequest.builder().messages(UserMessage.from("judge"))
            .responseFormat(ResponseFormat.JSON).build(), true,
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(SCHEMA), call -> { });

    assertThat(reply.json().path("passed").asBoolean()).isTrue();
    List<WireServer.Received> requests = wire.requests("oa-schema");
    assertThat(requests.get(0).body().at("/response_format/type").asText())
        .isEqualTo("json_schema");
    assertThat(requests.get(0).body().at("/response_format/json_schema/schema/required/0")
        .asText()).isEqualTo("passed");
    // the first reply broke the schema: the model was told how
    assertThat(requests.get(1).body().path("messages").toString())
        .contains("output_schema").contains("boolean");
  }

  @Test
  void anthropicGetsTheOutputSchemaInWords() throws Exception {
    wire.script("an-schema", WireReply.text("{\"passed\": false}"));
    ProviderCatalogue catalogue = catalogue(Map.of("claude-schema", anthropic("an-schema")));
    ModelReplies.Reply reply = new ModelReplies(1).ask(catalogue.model("claude-schema"),
        ChatRequest.builder().messages(UserMessage.from("judge"))
            .responseFormat(ResponseFormat.JSON).build(), true,
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(SCHEMA), call -> { });

    assertThat(reply.json().path("passed").asBoolean()).isFalse();
    JsonNodeAssert.body(wire.requests("an-schema").get(0).body())
        .contains("valid against this JSON Schema").contains("required");
  }

  /** The request body as text, for contains-checks. */
  private static final class JsonNodeAssert {
    static org.assertj.core.api.AbstractStringAssert<?> body(
        com.fasterxml.jackson.databind.JsonNode body) {
      return assertThat(body.toString());
    }
  }

  @Test
  void unreachableProviderIsATransientNetworkFailure() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LlmProperties.Model model = new LlmProperties.Model("wire-openai", "gone",
        "http://127.0.0.1:" + closedPort + "/v1", null, null, null, null, null, null, null);
    assertThatThrownBy(() -> catalogue(Map.of("gone", model)).model("gone").chat(ask("hi")))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("network failure")
              .contains("127.0.0.1:" + closedPort);
        });
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse(
        "2026-11-21T10:00:00Z"), java.time.ZoneOffset.UTC);
    assertThat(ProviderHttpClient.retryAfter("7", clock)).isEqualTo(Duration.ofSeconds(7));
    assertThat(ProviderHttpClient.retryAfter("0.5", clock)).isEqualTo(Duration.ofMillis(500));
    assertThat(ProviderHttpClient.retryAfter("Sat, 21 Nov 2026 10:00:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(ProviderHttpClient.retryAfter("soon", clock)).isNull();
    assertThat(ProviderHttpClient.retryAfter(null, clock)).isNull();
  }

  @Test
  void backoffGrowsExponentiallyWithinItsJitterAndCap() {
    LlmProperties.RetrySettings s = new LlmProperties.RetrySettings(5, Duration.ofMillis(100),
        2.0, Duration.ofMillis(1000), 0.5, Duration.ofSeconds(30));
    for (int i = 0; i < 50; i++) {
      assertThat(ProviderCatalogue.backoffMillis(s, 1)).isBetween(50L, 150L);
      assertThat(ProviderCatalogue.backoffMillis(s, 3)).isBetween(200L, 600L);
      assertThat(ProviderCatalogue.backoffMillis(s, 10)).isBetween(500L, 1500L);
    }
  }

  @Test
  void pricesOfTheCatalogueAreExact() {
    ModelPrices.Price price = new ModelPrices.Price(new BigDecimal("0.003"),
        new BigDecimal("0.015"), new BigDecimal("0.0003"));
    // 300 input of which 200 cached, 20 output
    assertThat(price.cost(300, 200, 20))
        .isEqualByComparingTo(new BigDecimal("0.0003").add(new BigDecimal("0.00006"))
            .add(new BigDecimal("0.0003")));
  }
}
