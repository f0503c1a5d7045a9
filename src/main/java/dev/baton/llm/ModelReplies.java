package dev.baton.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Asks a model for a node's reply. Text is taken as it is. Structured output must be one JSON
 * object (a fenced ```json block is accepted), valid against the node's {@code output_schema}
 * when it has one (then sent to the provider as the response's JSON schema): a reply that is
 * not is shown to the model with what is wrong and asked again, up to the configured number of
 * attempts; then the node fails permanently. Every call is handed to the caller as it completes, so that each one is paid
 * for (recorded) even when a later one fails.
 */
public final class ModelReplies {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One completed model call.
   *
   * @param toolCalls how many tool calls the model asked for in this reply
   */
  public record Call(Usage usage, long latencyMs, String providerModel, int toolCalls) {}

  /**
   * The node's reply.
   *
   * @param json the parsed object for structured output, else null
   * @param usage all calls' tokens added up
   * @param toolCalls tool calls the model asked for, over all calls
   */
  public record Reply(String text, JsonNode json, Usage usage, int calls, long latencyMs,
      String providerModel, int toolCalls) {}

  private final int structuredAttempts;

  public ModelReplies(int structuredAttempts) {
    this.structuredAttempts = Math.max(1, structuredAttempts);
  }

  public Reply ask(ChatModel model, ChatRequest request, boolean structured,
      Consumer<Call> paid) {
    return ask(model, request, structured, null, paid);
  }

  /**
   * @param schema the node's {@code output_schema} (a JSON Schema object), or null
   */
  public Reply ask(ChatModel model, ChatRequest request, boolean structured, JsonNode schema,
      Consumer<Call> paid) {
    com.networknt.schema.JsonSchema validator = null;
    if (structured && schema != null && schema.isObject()) {
      validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(schema, SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build());
      request = request.toBuilder().parameters(
          dev.langchain4j.model.chat.request.DefaultChatRequestParameters.builder()
              .overrideWith(request.parameters())
              .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                  .jsonSchema(JsonSchema.builder().name("node_output")
                      .rootElement(JsonRawSchema.from(schema.toString())).build())
                  .build())
              .build()).build();
    }
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    Usage total = Usage.NONE;
    long latency = 0;
    int toolCalls = 0;
    String problem = null;
    for (int attempt = 1; attempt <= (structured ? structuredAttempts : 1); attempt++) {
      long started = System.nanoTime();
      ChatResponse response = model.chat(request.toBuilder().messages(messages).build());
      long ms = (System.nanoTime() - started) / 1_000_000;
      Usage usage = Usage.of(response.tokenUsage());
      int tools = response.aiMessage().hasToolExecutionRequests()
          ? response.aiMessage().toolExecutionRequests().size() : 0;
      paid.accept(new Call(usage, ms, response.modelName(), tools));
      toolCalls += tools;
      total = total.plus(usage);
      latency += ms;
      String text = response.aiMessage().text();
      if (!structured) {
        return new Reply(text, null, total, attempt, latency, response.modelName(), toolCalls);
      }
      try {
        JsonNode json = parseObject(text);
        if (validator != null) {
          List<ValidationMessage> errors = new ArrayList<>(validator.validate(json));
          if (!errors.isEmpty()) {
            throw new InvalidReply("it does not match the node's output_schema: " + errors.stream()
                .limit(5).map(ValidationMessage::getMessage).collect(Collectors.joining("; ")));
          }
        }
        return new Reply(text, json, total, attempt, latency, response.modelName(),
            toolCalls);
      } catch (InvalidReply e) {
        problem = e.getMessage();
        messages.add(AiMessage.from(text == null ? "" : text));
        messages.add(UserMessage.from("Your reply is not a valid JSON object: " + problem
            + ". Reply again with only the JSON object."));
      }
    }
    throw new LlmException(LlmException.Kind.PERMANENT, "the node asks for structured output "
        + "but after " + structuredAttempts + " attempt(s) the model's reply is not one JSON "
        + "object (" + problem + "); make the prompt ask for JSON plainly, use a model that "
        + "follows it, or raise baton.llm.structured-output-attempts");
  }

  /** One JSON object, optionally inside a markdown code fence. */
  static JsonNode parseObject(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidReply("the reply is empty");
    }
    String body = text.strip();
    if (body.startsWith("```")) {
      int firstLine = body.indexOf('\n');
      int closing = body.lastIndexOf("```");
      if (firstLine > 0 && closing > firstLine) {
        body = body.substring(firstLine + 1, closing).strip();
      }
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || !json.isObject()) {
        throw new InvalidReply("it is JSON but not an object");
      }
      return json;
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage();
      throw new InvalidReply("it does not parse as JSON ("
          + (reason.length() > 120 ? reason.substring(0, 120) + "..." : reason) + ")");
    }
  }

  static final class InvalidReply extends RuntimeException {
    InvalidReply(String message) {
      super(message, null, false, false);
    }
  }
}
