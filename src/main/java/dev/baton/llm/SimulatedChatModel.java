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

/**
 * An offline model: the reply is derived from the prompt (same prompt, same reply), token
 * usage is realistic (about four characters a token), and it takes a configurable time. It
 * answers JSON when asked for JSON. Two markers in a prompt let tests and demos exercise failure
 * paths without a real provider: {@value #PERMANENT_FAILURE} fails like a rejected request,
 * {@value #TRANSIENT_FAILURE} like an overloaded provider.
 */
public final class SimulatedChatModel implements ChatModel {

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
    if (prompt.contains(PERMANENT_FAILURE)) {
      throw new LlmException(LlmException.Kind.PERMANENT,
          "simulated model refused the request (the prompt contains " + PERMANENT_FAILURE + ")");
    }
    if (prompt.contains(TRANSIENT_FAILURE)) {
      throw new LlmException(LlmException.Kind.TRANSIENT,
          "simulated provider overloaded (the prompt contains " + TRANSIENT_FAILURE + ")");
    }
    String digest = digest(prompt);
    boolean json = request.responseFormat() != null
        && request.responseFormat().type() == ResponseFormatType.JSON;
    String text = json ? structuredReply(prompt, digest) : textReply(prompt, digest);
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

  private static String promptOf(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : request.messages()) {
      if (message instanceof UserMessage user && user.hasSingleText()) {
        text.append(user.singleText()).append('\n');
      } else if (message instanceof SystemMessage system) {
        text.append(system.text()).append('\n');
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
