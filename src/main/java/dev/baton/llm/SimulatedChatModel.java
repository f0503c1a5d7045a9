package dev.baton.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline model: the reply is derived from the prompt (same prompt, same reply), token
 * usage is realistic (about four characters a token), and it takes a configurable time. It
 * answers JSON when asked for JSON. Markers in a prompt (usually put there through the run's
 * input) let tests and demos exercise failure paths without a real provider: {@code
 * [simulate:error]} fails like a rejected request, {@code [simulate:transient]} like an
 * overloaded provider; {@code [simulate:error:build]} fails only the call whose system message
 * names node {@code 'build'}; a refusal quotes the prompt's first line. {@code
 * [simulate:tool:<function> {json}]} asks for a tool call (see {@link SimulatedToolCalls}).
 */
final class SimulatedChatModel implements ChatModel {

  public static final String MODEL_NAME = "baton-simulated";
  public static final String PERMANENT_FAILURE = "[simulate:error]";
  public static final String TRANSIENT_FAILURE = "[simulate:transient]";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration latency;

  public SimulatedChatModel(Duration latency) {
    this.latency = latency;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    String prompt = promptOf(request);
    pause();
    String node = nodeOf(request);
    if (prompt.contains(PERMANENT_FAILURE) || prompt.contains(scoped(PERMANENT_FAILURE, node))) {
      // quoting the request, as real providers' refusals often do
      throw new LlmException(LlmException.Kind.PERMANENT,
          "simulated model refused the request (the prompt contains " + PERMANENT_FAILURE
              + "): " + firstLine(prompt));
    }
    if (prompt.contains(TRANSIENT_FAILURE) || prompt.contains(scoped(TRANSIENT_FAILURE, node))) {
      throw new LlmException(LlmException.Kind.TRANSIENT,
          "simulated provider overloaded (the prompt contains " + TRANSIENT_FAILURE + ")");
    }
    var toolCall = SimulatedToolCalls.next(request, prompt);
    if (toolCall.isPresent()) {
      return ChatResponse.builder()
          .aiMessage(AiMessage.from(java.util.List.of(toolCall.get())))
          .tokenUsage(new TokenUsage(tokens(prompt), tokens(toolCall.get().arguments()) + 8))
          .modelName(MODEL_NAME)
          .finishReason(FinishReason.TOOL_EXECUTION)
          .build();
    }
    String digest = digest(prompt);
    boolean json = request.responseFormat() != null
        && request.responseFormat().type() == ResponseFormatType.JSON;
    String text = json ? structuredReply(prompt, digest)
        : textReply(prompt, digest) + SimulatedToolCalls.summary(request);
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(text))
        .tokenUsage(new TokenUsage(tokens(prompt), tokens(text)))
        .modelName(MODEL_NAME)
        .finishReason(FinishReason.STOP)
        .build();
  }

  private static String textReply(String prompt, String digest) {
    String topic = firstLine(prompt);
    return "Simulated answer " + digest.substring(0, 8) + " to: " + topic + "\n"
        + "1. Understand the request and its constraints.\n"
        + "2. Break it into steps that can be checked.\n"
        + "3. Deliver the result and note open questions.";
  }

  private static String structuredReply(String prompt, String digest) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("summary", "Simulated result " + digest.substring(0, 8) + " for: "
        + firstLine(prompt));
    ArrayNode steps = reply.putArray("steps");
    steps.add("analyse").add("implement").add("verify");
    // a stable pseudo-score, so conditions on it are reproducible
    int score = Integer.parseInt(digest.substring(0, 2), 16);
    reply.put("confidence", Math.round(score / 255.0 * 100) / 100.0);
    reply.put("passed", true);
    return reply.toString();
  }

  private static final Pattern NODE = Pattern.compile("running node '([^']+)'");

  /** The node id named by the worker's system message, or null. */
  private static String nodeOf(ChatRequest request) {
    for (ChatMessage message : request.messages()) {
      if (message instanceof SystemMessage system) {
        Matcher m = NODE.matcher(system.text());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  private static String scoped(String marker, String node) {
    return node == null ? marker : marker.replace("]", ":" + node + "]");
  }

  private static String promptOf(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user && user.hasSingleText()) {
        text.append(user.singleText()).append('\n');
      }
    }
    return text.toString();
  }

  private static String firstLine(String prompt) {
    String line = prompt.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    return line.length() > 100 ? line.substring(0, 100) + "..." : line;
  }

  private static int tokens(String text) {
    return Math.max(1, (text.length() + 3) / 4);
  }

  private void pause() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException(LlmException.Kind.TRANSIENT, "interrupted while waiting");
    }
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
