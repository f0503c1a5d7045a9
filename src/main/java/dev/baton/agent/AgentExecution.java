package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.budget.BudgetReservations;
import dev.baton.budget.CallBudget;
import dev.baton.budget.CostEntry;
import dev.baton.budget.CostRecorder;
import dev.baton.budget.TokenCounts;
import dev.baton.llm.ModelCatalogue;
import dev.baton.llm.ModelReplies;
import dev.baton.tool.ToolLoop;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.stereotype.Component;

/**
 * Gets one agent task's answer from its model: renders the prompt, chooses the model (or its
 * fallback), reserves the call's worst case against the run's budget, runs the tool loop and
 * prices every call; the answer carries the node's output and what was paid and reserved.
 */
@Component
class AgentExecution {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelCatalogue models;
  private final CostRecorder costs;
  private final CallBudget budget;
  private final PromptRenderer prompts;
  private final ModelReplies replies;
  private final AgentSetup agents;
  private final ToolLoop tools;
  private final AnswerSettlement settlement;
  private final Bookkeeping bookkeeping;
  private final ProviderPatience patience;

  AgentExecution(ModelCatalogue models, CostRecorder costs, CallBudget budget,
      PromptRenderer prompts, ModelReplies replies, AgentSetup agents, ToolLoop tools,
      AnswerSettlement settlement, Bookkeeping bookkeeping, ProviderPatience patience) {
    this.models = models;
    this.costs = costs;
    this.budget = budget;
    this.prompts = prompts;
    this.replies = replies;
    this.agents = agents;
    this.tools = tools;
    this.settlement = settlement;
    this.bookkeeping = bookkeeping;
    this.patience = patience;
  }

  Answer execute(AgentCall call, LockedExternalTask task, RunVariables variables) {
    PromptRenderer.Rendered rendered = prompts.render(call, variables);
    String prompt = rendered.text();
    String system = "You are the " + call.agentType() + " agent running node '" + call.nodeId()
        + "' (" + call.nodeName() + ") of a Baton workflow.";
    int maxOutput = budget.maxOutputTokens(call.config().has("max_tokens")
        ? call.config().get("max_tokens").asInt() : null);
    ChatRequest.Builder request = ChatRequest.builder()
        .messages(SystemMessage.from(system), UserMessage.from(prompt))
        .maxOutputTokens(maxOutput);
    if (call.structured()) {
      request.responseFormat(ResponseFormat.JSON);
    }
    if (call.config().path("temperature").isNumber()) {
      request.temperature(call.config().get("temperature").asDouble());
    }
    // the node's model, its fallback, or none yet (an open circuit: the task waits)
    ProviderPatience.Choice choice = patience.choose(call, task);
    String model = choice.model();
    // the hard cap: the worst case is held against the run's budget before anything is paid
    BudgetReservations.Reservation reservation = budget.reserve(task.getProcessInstanceId(),
        task.getProcessDefinitionKey(), call.nodeId(), task.getId(), model,
        system.length() + prompt.length(), maxOutput);
    // with tools, the first answer is the tool loop's (its calls summed into one paid call)
    List<BudgetReservations.Reservation> extra = new ArrayList<>();
    ToolLoop.Equipped equipped = tools.equip(models.model(model), agents.tools(call, task),
        (number, messages) -> {
          // every further call of the loop (or a re-ask) holds its own worst case first
          BudgetReservations.Reservation r = budget.reserve(task.getProcessInstanceId(),
              task.getProcessDefinitionKey(), call.nodeId(), task.getId() + "#" + number, model,
              messages.toString().length(), maxOutput);
          if (r != null) {
            extra.add(r);
          }
        });
    // every call is priced as it completes (a re-asked structured reply is two calls) and
    // paid for whether or not the task completes: written with the settlement, or on failure
    List<CostEntry> paid = new ArrayList<>();
    try {
      ModelReplies.Reply reply;
      bookkeeping.leave();
      try {
        reply = replies.ask(equipped, request.build(), call.structured(),
            call.config().get("output_schema"),
            done -> paid.add(costs.price(task, call.nodeId(), call.agentType(), model,
                tokens(done.usage()), done.latencyMs(), choice.fallback())));
      } finally {
        bookkeeping.enter();
      }
      JsonNode output = output(call, model, reply, paid, equipped);
      if (rendered.template() != null) {
        // which text the model was given: a run is reproducible from its pinned version
        ((ObjectNode) output).put("prompt_template", rendered.template());
      }
      if (choice.fallback()) {
        ((ObjectNode) output).put("fallback_for", choice.primary());
      }
      return new Answer(output, paid, reservation, extra, prompt);
    } catch (RuntimeException e) {
      settlement.abandon(new Answer(null, paid, reservation, extra, prompt));
      throw e;
    }
  }

  /** The node's output: the reply, and what it took (model, tokens, calls, cost, tools). */
  private static JsonNode output(AgentCall call, String model, ModelReplies.Reply reply,
      List<CostEntry> paid, ToolLoop.Equipped equipped) {
    long latencyMs = reply.latencyMs();
    TokenCounts tokens = tokens(reply.usage());

    ObjectNode output = JSON.createObjectNode();
    if (call.structured()) {
      output.set("output", reply.json());
    } else {
      output.put("output", reply.text());
    }
    output.put("agent_type", call.agentType());
    output.put("model", model);
    if (reply.providerModel() != null && !reply.providerModel().equals(model)) {
      output.put("provider_model", reply.providerModel());
    }
    output.putObject("usage")
        .put("input_tokens", tokens.input())
        .put("output_tokens", tokens.output())
        .put("cached_tokens", tokens.cached())
        .put("reasoning_tokens", tokens.reasoning())
        .put("model_calls", reply.calls())
        .put("tool_calls", reply.toolCalls());
    output.put("latency_ms", latencyMs);
    output.put("cost_usd", Answer.cost(paid));
    if (call.agentSlug() != null) {
      output.put("agent", call.agentSlug());
    }
    equipped.describeInto(output);
    return output;
  }

  private static TokenCounts tokens(dev.baton.llm.Usage usage) {
    return new TokenCounts(usage.input(), usage.output(), usage.cached(), usage.reasoning());
  }

}
