package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonProperties;
import dev.baton.budget.CostRecorder;
import dev.baton.budget.TokenCounts;
import dev.baton.compile.BpmnConventions;
import dev.baton.llm.LlmException;
import dev.baton.llm.ModelCatalogue;
import dev.baton.run.JsonValues;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one locked agent task: prompt, model call, output. Completes the task with the node's
 * output under the node id; a transient failure is retried with backoff and becomes an
 * incident when retries run out; a permanent one follows the node's {@code failure} edge (BPMN
 * error) when it has one and otherwise becomes an incident at once.
 */
@Component
class AgentTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(AgentTaskHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExternalTaskService externalTasks;
  private final RuntimeService runtime;
  private final ModelCatalogue models;
  private final CostRecorder costs;
  private final PromptRenderer prompts;
  private final BatonProperties.Worker settings;

  AgentTaskHandler(ExternalTaskService externalTasks, RuntimeService runtime,
      ModelCatalogue models, CostRecorder costs, PromptRenderer prompts,
      BatonProperties properties) {
    this.costs = costs;
    this.externalTasks = externalTasks;
    this.runtime = runtime;
    this.models = models;
    this.prompts = prompts;
    this.settings = properties.worker();
  }

  void handle(LockedExternalTask task, String workerId) {
    AgentCall call = callOf(task);
    try {
      JsonNode output = execute(call, task, new RunVariables(task, runtime));
      externalTasks.complete(task.getId(), workerId,
          Map.of(call.nodeId(), JsonValues.toVariable(output)));
    } catch (LlmException e) {
      if (e.kind() == LlmException.Kind.TRANSIENT) {
        retryLater(task, workerId, e.getMessage());
      } else {
        failPermanently(task, workerId, call, e.getMessage());
      }
    } catch (PromptException e) {
      failPermanently(task, workerId, call, e.getMessage());
    } catch (BadUserRequestException e) {
      // the lock expired or the run ended meanwhile: someone else owns the task now
      log.info("Agent task {} of node {} is no longer ours: {}", task.getId(), call.nodeId(),
          e.getMessage());
    } catch (RuntimeException e) {
      retryLater(task, workerId, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private JsonNode execute(AgentCall call, LockedExternalTask task, RunVariables variables) {
    String prompt = prompts.render(call, variables);
    ChatRequest.Builder request = ChatRequest.builder().messages(
        SystemMessage.from("You are the " + call.agentType() + " agent running node '"
            + call.nodeId() + "' (" + call.nodeName() + ") of a Baton workflow."),
        UserMessage.from(prompt));
    if (call.structured()) {
      request.responseFormat(ResponseFormat.JSON);
    }
    long started = System.nanoTime();
    ChatResponse response = models.model(call.config().path("model").asText(null))
        .chat(request.build());
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    String text = response.aiMessage().text();
    ObjectNode output = JSON.createObjectNode();
    if (call.structured()) {
      JsonNode parsed = JsonValues.toJson(text);
      if (!parsed.isContainerNode()) {
        throw new LlmException(LlmException.Kind.PERMANENT,
            "node '" + call.nodeId() + "' asked for structured output but the model answered "
                + "with text that is not a JSON object");
      }
      output.set("output", parsed);
    } else {
      output.put("output", text);
    }
    output.put("agent_type", call.agentType());
    output.put("model", response.modelName());
    TokenUsage usage = response.tokenUsage();
    TokenCounts tokens = new TokenCounts(
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(), 0, 0);
    output.putObject("usage")
        .put("input_tokens", tokens.input())
        .put("output_tokens", tokens.output());
    output.put("latency_ms", latencyMs);
    // the call is paid whether or not the task completes: record it before completing
    BigDecimal cost = costs.record(task, call.nodeId(), call.agentType(), response.modelName(),
        tokens, latencyMs);
    output.put("cost_usd", cost);
    return output;
  }

  private void retryLater(LockedExternalTask task, String workerId, String message) {
    int retries = task.getRetries() == null ? settings.retries() - 1 : task.getRetries() - 1;
    String advice = retries > 0 ? message
        : message + " - retries exhausted; fix the cause, then retry the run (Cockpit or POST "
            + "/api/workflows/runs/{id}/retry)";
    externalTasks.handleFailure(task.getId(), workerId, truncate(advice), message,
        Math.max(retries, 0), settings.retryBackoff().toMillis());
  }

  private void failPermanently(LockedExternalTask task, String workerId, AgentCall call,
      String message) {
    if (call.routeFailure()) {
      ObjectNode output = JSON.createObjectNode().put("error", message);
      externalTasks.handleBpmnError(task.getId(), workerId, BpmnConventions.AGENT_FAILED,
          message, Map.of(call.nodeId(), JsonValues.toVariable(output)));
    } else {
      externalTasks.handleFailure(task.getId(), workerId,
          truncate(message + " - not retried: this failure is permanent; fix the cause, then "
              + "retry the run"),
          message, 0, 0);
    }
  }

  private static AgentCall callOf(LockedExternalTask task) {
    Map<String, String> props = task.getExtensionProperties();
    JsonNode config = JsonValues.toJson(props.getOrDefault(BpmnConventions.PROP_CONFIG, "{}"));
    String upstream = props.getOrDefault(BpmnConventions.PROP_UPSTREAM, "");
    return new AgentCall(
        props.getOrDefault(BpmnConventions.PROP_NODE, task.getActivityId()),
        task.getActivityId(),
        props.getOrDefault(BpmnConventions.PROP_AGENT_TYPE, "custom"),
        config.isObject() ? config : JSON.createObjectNode(),
        upstream.isBlank() ? List.of() : List.of(upstream.split(",")),
        BpmnConventions.ON_FAILURE_ROUTE.equals(props.get(BpmnConventions.PROP_ON_FAILURE)));
  }

  // incident messages are stored in a 4000-character column
  private static String truncate(String message) {
    return message.length() > 3900 ? message.substring(0, 3900) + "..." : message;
  }
}
