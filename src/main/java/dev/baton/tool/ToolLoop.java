package dev.baton.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An agent task's conversation with its model: the first request goes out with the offered
 * tools; while the model asks for tool calls they are carried out through {@link ToolGate} and
 * their results sent back; the loop ends when the model answers without asking, or at the
 * maximum of model calls or of tool calls, with the reason in {@link Result#stopReason()}. A
 * node without tools makes exactly one call, as before tools existed.
 */
@Component
public class ToolLoop {

  public static final String COMPLETED = "completed";
  public static final String MAX_MODEL_CALLS = "max_model_calls";
  public static final String MAX_TOOL_CALLS = "max_tool_calls";
  /** The next model call's worst case did not fit the run's hard caps. */
  public static final String OVER_BUDGET = "over_budget";

  /**
   * Holds every model call after the first against the hard caps before it goes out (the
   * first is reserved by the caller): a loop or a re-asked reply must not spend past a cap.
   */
  @FunctionalInterface
  public interface ExtraCalls {
    /**
     * @param callNumber 2 for the second model call of the task, and so on
     * @throws dev.baton.budget.BudgetExceededException when the call does not fit
     */
    void reserve(int callNumber, List<ChatMessage> messages);

    ExtraCalls UNLIMITED = (n, messages) -> { };
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ToolCatalogue catalogue;
  private final ToolGate gate;
  private final ToolSettings settings;

  ToolLoop(ToolCatalogue catalogue, ToolGate gate, ToolSettings settings) {
    this.catalogue = catalogue;
    this.gate = gate;
    this.settings = settings;
  }

  /**
   * The loop's outcome.
   *
   * @param response the last reply, with the token usage of every call summed (what the ledger
   *     prices)
   * @param toolsOffered whether the model was offered any tool
   */
  public record Result(ChatResponse response, int modelCalls, List<ToolCallRecord> toolCalls,
      String stopReason, boolean toolsOffered) {

    /** Adds {@code model_calls}, {@code tool_calls} and {@code stop_reason} to a node output. */
    public void describeInto(ObjectNode output) {
      if (!toolsOffered) {
        return;
      }
      output.put("model_calls", modelCalls);
      output.put("stop_reason", stopReason);
      ArrayNode calls = output.putArray("tool_calls");
      for (ToolCallRecord call : toolCalls) {
        ObjectNode c = calls.addObject().put("tool", call.tool())
            .put("operation", call.operation()).put("outcome", call.outcome());
        c.set("arguments", call.arguments());
        if (call.httpStatus() != null) {
          c.put("http_status", call.httpStatus());
        }
        if (call.result() != null) {
          c.set("result", call.result());
        }
        if (call.detail() != null) {
          c.put("detail", call.detail());
        }
        c.put("cost_usd", call.costUsd());
        c.put("latency_ms", call.latencyMs());
      }
    }
  }

  /** The maxima for a node: its config (merged with its agent's), else the settings. */
  public int maxModelCalls(com.fasterxml.jackson.databind.JsonNode config) {
    return Math.max(1, config.path("max_model_calls").asInt(settings.maxModelCalls()));
  }

  public int maxToolCalls(com.fasterxml.jackson.databind.JsonNode config) {
    return Math.max(0, config.path("max_tool_calls").asInt(settings.maxToolCalls()));
  }

  /**
   * A model whose first answer is this loop's: the request goes out with the context's tools
   * and comes back once the loop ends (token usage summed over its calls). Later requests (a
   * structured reply asked again) go to the model without tools, so no tool runs twice.
   */
  public Equipped equip(ChatModel model, ToolContext context) {
    return equip(model, context, ExtraCalls.UNLIMITED);
  }

  public Equipped equip(ChatModel model, ToolContext context, ExtraCalls extraCalls) {
    return new Equipped(model, context, extraCalls);
  }

  /** See {@link #equip}. */
  public final class Equipped implements ChatModel {

    private final ChatModel model;
    private final ToolContext context;
    private final ExtraCalls extraCalls;
    private volatile Result result;
    private int later;

    private Equipped(ChatModel model, ToolContext context, ExtraCalls extraCalls) {
      this.model = model;
      this.context = context;
      this.extraCalls = extraCalls;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      if (result != null) {
        // a later request (a structured reply asked again) is one more paid call
        later++;
        extraCalls.reserve(result.modelCalls() + later, request.messages());
        return model.chat(request);
      }
      Result done = run(model, request, context, extraCalls);
      result = done;
      return done.response();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      return chat(request);
    }

    /** The loop's model calls, tool calls and stop reason, when tools were offered. */
    public void describeInto(ObjectNode output) {
      if (result != null) {
        result.describeInto(output);
      }
    }
  }

  public Result run(ChatModel model, ChatRequest first, ToolContext context) {
    return run(model, first, context, ExtraCalls.UNLIMITED);
  }

  public Result run(ChatModel model, ChatRequest first, ToolContext context,
      ExtraCalls extraCalls) {
    Map<String, OfferedTool> offered = context.offered().isEmpty() ? Map.of()
        : catalogue.offered(context);
    if (offered.isEmpty()) {
      return new Result(model.chat(first), 1, List.of(), COMPLETED, false);
    }
    List<ChatMessage> messages = new ArrayList<>(first.messages());
    List<ToolCallRecord> calls = new ArrayList<>();
    ChatRequest.Builder template = first.toBuilder()
        .toolSpecifications(ToolCatalogue.specifications(offered));
    int modelCalls = 0;
    TokenUsage total = null;
    while (true) {
      ChatResponse response = model.chat(template.messages(List.copyOf(messages)).build());
      modelCalls++;
      // summed by the provider's own type, so cached and reasoning tokens survive
      total = TokenUsage.sum(total, response.tokenUsage());
      AiMessage answer = response.aiMessage();
      String stop = null;
      if (!answer.hasToolExecutionRequests()) {
        stop = COMPLETED;
      } else {
        messages.add(answer);
        for (ToolExecutionRequest request : answer.toolExecutionRequests()) {
          if (calls.size() >= context.maxToolCalls()) {
            stop = MAX_TOOL_CALLS;
            break;
          }
          ToolCallRecord call = gate.call(context, offered, request);
          calls.add(call);
          messages.add(ToolExecutionResultMessage.from(request, resultText(call)));
        }
        if (stop == null && modelCalls >= context.maxModelCalls()) {
          stop = MAX_MODEL_CALLS;
        }
        if (stop == null) {
          try {
            extraCalls.reserve(modelCalls + 1, messages);
          } catch (dev.baton.budget.BudgetExceededException e) {
            stop = OVER_BUDGET; // the calls so far are paid and answered with what there is
          }
        }
      }
      if (stop != null) {
        return new Result(summed(response, total, stop, calls.size()), modelCalls,
            List.copyOf(calls), stop, true);
      }
    }
  }

  /** What the model reads back: the mapped reply, or why the call did not happen. */
  private static String resultText(ToolCallRecord call) {
    if (call.succeeded()) {
      return call.result() == null ? "{}" : call.result().toString();
    }
    ObjectNode error = JSON.createObjectNode().put("error", call.detail())
        .put("outcome", call.outcome());
    return error.toString();
  }

  private static ChatResponse summed(ChatResponse last, TokenUsage total, String stop,
      int toolCalls) {
    String text = last.aiMessage().text();
    if (text == null || text.isBlank()) {
      // stopped while the model still wanted tools: say so rather than answer nothing
      text = COMPLETED.equals(stop) ? "" : "[stopped: " + stop + " reached after " + toolCalls
          + " tool call(s); the model had not answered yet]";
    }
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(text))
        .tokenUsage(total)
        .modelName(last.modelName())
        .finishReason(last.finishReason())
        .id(last.id())
        .build();
  }
}
