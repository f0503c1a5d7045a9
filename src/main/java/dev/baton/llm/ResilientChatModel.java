package dev.baton.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.retry.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A catalogue model behind its limits: every call passes the model's and its provider's rate
 * limiters, token buckets and bulkheads, the model's circuit breaker, and the model's retry of
 * transient failures (which honours a 429's {@code Retry-After}); whatever still fails leaves
 * as an {@link LlmException} of seed 000's classes. Decorated with resilience4j's {@link
 * Decorators}: retry outermost, so each attempt takes its own permits and is seen by the
 * breaker, and a bulkhead slot is not held while waiting to retry. A failure is classified
 * inside the decorations, so that the breaker and the retry see (and keep in their events, which
 * the actuator shows) only Baton's redacted message, never the provider's exception.
 */
final class ResilientChatModel implements ChatModel {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static final String JSON_INSTRUCTION = "Answer with one JSON object only: no prose, no "
      + "markdown fences.";

  private final String name;
  private final ChatModel delegate;
  private final boolean jsonMode;
  private final FailureClassifier classifier;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final List<CallGuards> guards;
  private final CallMetrics metrics;

  ResilientChatModel(String name, ChatModel delegate, boolean jsonMode,
      FailureClassifier classifier, CircuitBreaker breaker /* null: none */, Retry retry,
      List<CallGuards> guards, CallMetrics metrics) {
    this.metrics = metrics;
    this.name = name;
    this.delegate = delegate;
    this.jsonMode = jsonMode;
    this.classifier = classifier;
    this.breaker = breaker;
    this.retry = retry;
    this.guards = List.copyOf(guards);
  }

  String name() {
    return name;
  }

  /**
   * Whether the provider looks healthy to this model's breaker, so that a failure is this
   * call's own: the circuit is closed, has seen its minimum number of calls, and fails less
   * than half as often as would open it. Without a breaker (the simulated model) every failure
   * is the call's own.
   */
  private boolean providerHealthy() {
    if (breaker == null) {
      return true;
    }
    float rate = breaker.getMetrics().getFailureRate(); // -1: too few calls to tell
    return breaker.getState() == CircuitBreaker.State.CLOSED && rate >= 0
        && rate < breaker.getCircuitBreakerConfig().getFailureRateThreshold() / 2;
  }

  /** The model's circuit breaker, or null when it has none (the simulated model). */
  CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    ChatRequest sent = jsonMode ? request : askForJsonInWords(request);
    int tokens = estimatedTokens(sent);
    Decorators.DecorateSupplier<ChatResponse> call =
        Decorators.ofSupplier(checked(() -> delegate.chat(sent)));
    if (breaker != null) {
      call = call.withCircuitBreaker(breaker);
    }
    for (CallGuards guard : guards) {
      for (CallGuards.Limiter limiter : guard.limiters()) {
        call = call.withRateLimiter(limiter.limiter(),
            limiter.tokens() ? Math.min(tokens, limiter.capacity()) : 1);
      }
      if (guard.bulkhead() != null) {
        call = call.withBulkhead(guard.bulkhead());
      }
    }
    long started = System.nanoTime();
    try {
      ChatResponse response = call.withRetry(retry).get();
      metrics.succeeded(name, System.nanoTime() - started, Usage.of(response.tokenUsage()));
      return response;
    } catch (RuntimeException e) {
      LlmException failure = classifier.classify(e);
      if (failure.kind() == LlmException.Kind.TRANSIENT
          && failure.blame() == LlmException.Blame.CALL && !providerHealthy()) {
        // the provider is failing for everyone (this failure may have opened the circuit)
        failure.blamed(LlmException.Blame.OUTAGE);
      }
      metrics.failed(name, System.nanoTime() - started, failure.kind());
      throw failure;
    }
  }

  /**
   * Checks a reply as part of the call, so that a refusal is not counted as a success, and
   * turns whatever the provider's client threw into an {@link LlmException}.
   */
  private Supplier<ChatResponse> checked(Supplier<ChatResponse> call) {
    return () -> {
      ChatResponse response;
      try {
        response = call.get();
      } catch (RuntimeException e) {
        throw classifier.classify(e);
      }
      if (response.finishReason() == FinishReason.CONTENT_FILTER || anthropicRefusal(response)) {
        throw new LlmException(LlmException.Kind.POLICY, "model '" + name + "': the provider's "
            + "content filter stopped the reply; change the prompt or the node's input");
      }
      if (response.aiMessage() == null || (response.aiMessage().text() == null
          && !response.aiMessage().hasToolExecutionRequests())) {
        throw new LlmException(LlmException.Kind.PERMANENT,
            "model '" + name + "' answered with an empty message");
      }
      return response;
    };
  }

  /**
   * Anthropic's {@code stop_reason: refusal}, which langchain4j reports only as {@code OTHER}:
   * read from the raw reply.
   */
  private static boolean anthropicRefusal(ChatResponse response) {
    if (response.finishReason() != FinishReason.OTHER
        || !(response.metadata() instanceof AnthropicChatResponseMetadata anthropic)
        || anthropic.rawHttpResponse() == null) {
      return false;
    }
    try {
      return "refusal".equals(JSON.readTree(anthropic.rawHttpResponse().body())
          .path("stop_reason").asText());
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * For providers without a schemaless JSON mode (Anthropic): no response format, and the
   * request for JSON (and the node's schema) in words. The reply is validated by the caller
   * either way.
   */
  private static ChatRequest askForJsonInWords(ChatRequest request) {
    ChatRequestParameters p = request.parameters();
    if (p == null || p.responseFormat() == null
        || p.responseFormat().type() != ResponseFormatType.JSON) {
      return request;
    }
    String instruction = JSON_INSTRUCTION;
    if (p.responseFormat().jsonSchema() != null
        && p.responseFormat().jsonSchema().rootElement() instanceof JsonRawSchema raw) {
      instruction += " It must be valid against this JSON Schema: " + raw.schema();
    }
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    int system = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) instanceof SystemMessage) {
        system = i;
      }
    }
    if (system >= 0) {
      messages.set(system, SystemMessage.from(
          ((SystemMessage) messages.get(system)).text() + "\n" + instruction));
    } else {
      messages.add(0, SystemMessage.from(instruction));
    }
    ChatRequestParameters withoutFormat =
        DefaultChatRequestParameters.builder().overrideWith(p)
            .responseFormat((dev.langchain4j.model.chat.request.ResponseFormat) null).build();
    return request.toBuilder().messages(messages).parameters(withoutFormat).build();
  }

  private static int estimatedTokens(ChatRequest request) {
    long chars = 0;
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user && user.hasSingleText()) {
        chars += user.singleText().length();
      } else if (message instanceof SystemMessage system) {
        chars += system.text().length();
      } else {
        chars += message.toString().length();
      }
    }
    Integer output = request.parameters() == null ? null : request.parameters().maxOutputTokens();
    long estimate = (chars + 3) / 4 + (output == null ? 0 : output);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, estimate));
  }
}
