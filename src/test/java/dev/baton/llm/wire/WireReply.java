package dev.baton.llm.wire;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the {@link WireServer} answers to one request. Build with the static factories; {@link
 * #after(Duration)} delays any reply, {@link #heldBy(CountDownLatch)} holds it until released.
 */
public record WireReply(
    Kind kind,
    String text,
    WireUsage usage,
    List<ToolCall> toolCalls,
    int status,
    String retryAfter,
    Duration delay,
    CountDownLatch hold) {

  public enum Kind { TEXT, TOOL_CALLS, ERROR, MALFORMED, ECHO_KEY, REFUSAL, CONTENT_FILTER }

  /** A tool call the model asks for: the function's name and its JSON arguments. */
  public record ToolCall(String id, String name, String argumentsJson) {}

  /** Token counts as the provider reports them (cached and reasoning where it has them). */
  public record WireUsage(int input, int output, int cached, int reasoning) {
    public static WireUsage of(int input, int output) {
      return new WireUsage(input, output, 0, 0);
    }
  }

  public static WireReply text(String text, WireUsage usage) {
    return new WireReply(Kind.TEXT, text, usage, List.of(), 200, null, Duration.ZERO, null);
  }

  public static WireReply text(String text) {
    return text(text, WireUsage.of(10, 5));
  }

  public static WireReply toolCalls(WireUsage usage, ToolCall... calls) {
    return new WireReply(Kind.TOOL_CALLS, null, usage, List.of(calls), 200, null,
        Duration.ZERO, null);
  }

  /** An error response in the provider's format; retryAfter (seconds or a date) may be null. */
  public static WireReply error(int status, String retryAfter) {
    return new WireReply(Kind.ERROR, null, null, List.of(), status, retryAfter, Duration.ZERO,
        null);
  }

  public static WireReply error(int status) {
    return error(status, null);
  }

  /** A 401 whose body quotes the key the client sent, as careless providers do. */
  public static WireReply unauthorizedEchoingKey() {
    return errorEchoingKey(401);
  }

  /**
   * An error of any status whose body quotes the key the client sent (its Authorization
   * header, bearer token and all, and the bare key), as a careless provider or proxy does.
   */
  public static WireReply errorEchoingKey(int status) {
    return new WireReply(Kind.ECHO_KEY, null, null, List.of(), status, null, Duration.ZERO,
        null);
  }

  /** The model refuses (OpenAI: {@code message.refusal}; Anthropic: stop reason refusal). */
  public static WireReply refusal(String why) {
    return new WireReply(Kind.REFUSAL, why, WireUsage.of(10, 3), List.of(), 200, null,
        Duration.ZERO, null);
  }

  /** The provider's content filter cut the reply (OpenAI: finish reason content_filter). */
  public static WireReply contentFiltered() {
    return new WireReply(Kind.CONTENT_FILTER, "", WireUsage.of(10, 0), List.of(), 200, null,
        Duration.ZERO, null);
  }

  /** A 200 whose body is not JSON. */
  public static WireReply malformed() {
    return new WireReply(Kind.MALFORMED, null, null, List.of(), 200, null, Duration.ZERO, null);
  }

  public WireReply after(Duration wait) {
    return new WireReply(kind, text, usage, toolCalls, status, retryAfter, wait, hold);
  }

  public WireReply heldBy(CountDownLatch latch) {
    return new WireReply(kind, text, usage, toolCalls, status, retryAfter, delay, latch);
  }
}
