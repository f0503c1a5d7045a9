package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonProperties;
import dev.baton.budget.BudgetExceededException;
import dev.baton.budget.BudgetReservations;
import dev.baton.budget.CallBudget;
import dev.baton.budget.CostEntry;
import dev.baton.budget.CostRecorder;
import dev.baton.budget.TokenCounts;
import dev.baton.contract.BpmnConventions;
import dev.baton.llm.LlmException;
import dev.baton.llm.ModelCatalogue;
import dev.baton.llm.ModelReplies;
import dev.baton.contract.JsonValues;
import dev.baton.tool.ToolLoop;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
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

  private final EngineTasks externalTasks;
  private final ModelCatalogue models;
  private final CostRecorder costs;
  private final CallBudget budget;
  private final PromptRenderer prompts;
  private final ModelReplies replies;
  private final ReplyJournal journal;
  private final LockKeeper locks;
  private final BatonProperties.Worker settings;
  private final AgentSetup agents;
  private final ToolLoop tools;
  private final AnswerSettlement settlement;
  private final Bookkeeping bookkeeping;
  private final ProviderPatience patience;
  private final IncidentLog incidents;
  /** What a completion locks for its worker thread: the next agent task, with its input. */
  private final EngineTasks.Next nextTask;

  AgentTaskHandler(EngineTasks externalTasks,
      ModelCatalogue models, CostRecorder costs, CallBudget budget, PromptRenderer prompts,
      ModelReplies replies, ReplyJournal journal, LockKeeper locks,
      BatonProperties properties, AgentSetup agents, ToolLoop tools,
      AnswerSettlement settlement, ProviderPatience patience, IncidentLog incidents,
      Bookkeeping bookkeeping) {
    this.patience = patience;
    this.incidents = incidents;
    this.settlement = settlement;
    this.bookkeeping = bookkeeping;
    this.agents = agents;
    this.tools = tools;
    this.replies = replies;
    this.journal = journal;
    this.locks = locks;
    this.costs = costs;
    this.budget = budget;
    this.externalTasks = externalTasks;
    this.models = models;
    this.prompts = prompts;
    this.settings = properties.worker();
    // the variables a fetch takes too: the input, and the run's trace context for the span
    this.nextTask = new EngineTasks.Next(BpmnConventions.AGENT_TOPIC, settings.lockDuration(),
        List.of(BpmnConventions.VAR_INPUT, BpmnConventions.VAR_TRACEPARENT));
  }

  /**
   * @return the next agent task, locked in the transaction that completed this one (usually
   *     the run's next node), for the calling thread to run now; null when there is none
   */
  LockedExternalTask handle(LockedExternalTask task, String workerId) {
    AgentCall call = callOf(task);
    // the database work holds a permit; the model call gives it back while it runs
    bookkeeping.enter();
    try {
      return run(task, workerId, call);
    } catch (BadUserRequestException e) {
      // the lock expired or the run ended meanwhile (aborted, stopped over budget, a sibling
      // branch failed it): nothing is left to report to
      log.info("Agent task {} of node {} is gone: {}", task.getId(), call.nodeId(),
          e.getMessage());
      return null;
    } finally {
      bookkeeping.leave();
    }
  }

  private LockedExternalTask run(LockedExternalTask task, String workerId, AgentCall call) {
    try {
      JsonNode output;
      // the lock is extended while the call runs; the reply is journalled before completing
      try (LockKeeper.Lease lease = locks.keep(task, workerId)) {
        output = journal.find(task.getId()).map(journalled -> {
          log.info("Agent task {} of node {} was answered before: completing it from the reply "
              + "journal, without calling the model again", task.getId(), call.nodeId());
          return journalled;
        }).orElseGet(() -> settlement.settle(task, call.nodeId(),
            // the registry agent chosen at deploy time: its config under the node's, its tools
            execute(agents.apply(call), task, variablesOf(task, call))));
        if (lease.lost()) {
          log.warn("Agent task {} of node {} is held by another worker now; it completes it "
              + "from the reply journal", task.getId(), call.nodeId());
          return null;
        }
      }
      List<LockedExternalTask> next = new ArrayList<>(1);
      report(() -> {
        next.clear();
        next.addAll(externalTasks.completeAndLock(task.getId(), workerId,
            Map.of(call.nodeId(), JsonValues.toVariable(output)),
            () -> journal.forget(task.getId()), nextTask));
      });
      return next.isEmpty() ? null : next.get(0);
    } catch (LlmException e) {
      if (e.kind() == LlmException.Kind.TRANSIENT) {
        waitForProvider(task, workerId, call, e);
      } else {
        failPermanently(task, workerId, call, e.getMessage());
      }
    } catch (PromptException | AgentUnavailableException e) {
      failPermanently(task, workerId, call, e.getMessage());
    } catch (BudgetExceededException e) {
      stopOverBudget(task, workerId, call, e.getMessage());
    } catch (BadUserRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      retryLater(task, workerId, call, e.getClass().getSimpleName() + ": " + e.getMessage(),
          null);
    }
    return null;
  }

  private Answer execute(AgentCall call, LockedExternalTask task, RunVariables variables) {
    String prompt = prompts.render(call, variables);
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
      if (choice.fallback()) {
        ((ObjectNode) output).put("fallback_for", choice.primary());
      }
      return new Answer(output, paid, reservation, extra);
    } catch (RuntimeException e) {
      settlement.abandon(new Answer(null, paid, reservation, extra));
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

  /**
   * The task's variables: the input comes with it; the upstream outputs and the feedback its
   * prompt may read are loaded together when first needed. (The run's budget is not a
   * variable the worker trusts: the reservation reads it from baton_run_budget.)
   */
  private RunVariables variablesOf(LockedExternalTask task, AgentCall call) {
    List<String> expected = new ArrayList<>(call.upstream());
    expected.add(BpmnConventions.feedbackVariable(call.nodeId()));
    return new RunVariables(task, externalTasks, expected);
  }

  private static TokenCounts tokens(dev.baton.llm.Usage usage) {
    return new TokenCounts(usage.input(), usage.output(), usage.cached(), usage.reasoning());
  }

  /**
   * Tells the engine how a task ended. A concurrent change to the same run (a sibling branch
   * completing, the run being stopped) makes it fail with an optimistic-locking conflict, or,
   * when the sibling's transaction already removed the execution this task's branch hangs from,
   * with Camunda's "cannot resolve parent ... perhaps it was deleted in the meantime": the report
   * is tried again, never the model call. A task that is gone meanwhile ends the matter.
   */
  private static void report(Runnable engineCall) {
    for (int attempt = 1; ; attempt++) {
      try {
        if (attempt < REPORT_ATTEMPTS) {
          // Camunda's ERROR line for a conflict would announce a failure that is retried here
          RetriedConflictLogFilter.retried(engineCall);
        } else {
          engineCall.run();
        }
        return;
      } catch (ProcessEngineException e) {
        if (!isConcurrentChange(e) || attempt == REPORT_ATTEMPTS) {
          throw e;
        }
        log.debug("Report of an agent task met a concurrent change of its run ({}); reporting "
            + "again", e.getMessage());
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static boolean isConcurrentChange(ProcessEngineException e) {
    return e instanceof OptimisticLockingException
        || (!(e instanceof BadUserRequestException) && e.getMessage() != null
            && e.getMessage().startsWith(PARENT_DELETED_MEANWHILE));
  }

  // EnginePersistenceLogger.resolveParentOfExecutionFailedException: a sibling's transaction
  // committed first and restructured or removed the parent execution
  private static final String PARENT_DELETED_MEANWHILE = "ENGINE-03077";

  private static final int REPORT_ATTEMPTS = 5;

  /** Over budget: the run's budget watch stops the run with the reason. */
  private void stopOverBudget(LockedExternalTask task, String workerId, AgentCall call,
      String reason) {
    report(() -> externalTasks.handleBpmnError(task.getId(), workerId,
        BpmnConventions.BUDGET_EXCEEDED, reason, Map.of(BpmnConventions.VAR_FAILED_NODE,
            call.nodeId(), BpmnConventions.VAR_BUDGET_ERROR, reason)));
  }

  /**
   * A transient model failure: the task waits out the provider (its retries spent only when
   * the failure was its own call's), or becomes an incident when its patience or retries are
   * used up ({@link ProviderPatience}).
   */
  private void waitForProvider(LockedExternalTask task, String workerId, AgentCall call,
      LlmException failure) {
    ProviderPatience.Verdict verdict = patience.judge(call, task, failure);
    if (verdict.waits()) {
      log.debug("Agent task {} of node {} waits {} ms for the provider: {}", task.getId(),
          call.nodeId(), verdict.waitMs(), failure.getMessage());
      report(() -> externalTasks.handleFailure(task.getId(), workerId,
          truncate(verdict.message()), failure.getMessage(), verdict.retries(),
          verdict.waitMs()));
    } else if (call.continueOnFailure()) {
      continueWithout(task, workerId, call, verdict.message());
    } else {
      report(() -> externalTasks.handleFailure(task.getId(), workerId,
          truncate(verdict.message()), failure.getMessage(), 0, 0));
      incidents.raised(task, call.nodeId(), verdict.incident(), verdict.message());
    }
  }

  /** @param retryAfter the wait a provider asked for, when longer than the usual backoff */
  private void retryLater(LockedExternalTask task, String workerId, AgentCall call,
      String message, Duration retryAfter) {
    long backoff = Math.max(settings.retryBackoff().toMillis(),
        retryAfter == null ? 0 : retryAfter.toMillis());
    int retries = task.getRetries() == null ? settings.retries() - 1 : task.getRetries() - 1;
    if (retries <= 0 && call.continueOnFailure()) {
      continueWithout(task, workerId, call, message + " (retries exhausted)");
      return;
    }
    String advice = retries > 0 ? message
        : message + " - retries exhausted; fix the cause, then retry the run (Cockpit or POST "
            + "/api/workflows/runs/{id}/retry)";
    report(() -> externalTasks.handleFailure(task.getId(), workerId, truncate(advice), message,
        Math.max(retries, 0), backoff));
    if (retries <= 0) {
      incidents.raised(task, call.nodeId(), IncidentLog.Cause.RETRIES_EXHAUSTED, advice);
    }
  }

  private void failPermanently(LockedExternalTask task, String workerId, AgentCall call,
      String message) {
    if (call.continueOnFailure()) {
      continueWithout(task, workerId, call, message);
    } else if (call.routeFailure()) {
      ObjectNode output = JSON.createObjectNode().put("error", message);
      report(() -> externalTasks.handleBpmnError(task.getId(), workerId,
          BpmnConventions.AGENT_FAILED, message,
          Map.of(call.nodeId(), JsonValues.toVariable(output))));
    } else {
      String advice = message + " - not retried: this failure is permanent; fix the cause, then "
          + "retry the run";
      report(() -> externalTasks.handleFailure(task.getId(), workerId, truncate(advice),
          message, 0, 0));
      incidents.raised(task, call.nodeId(), IncidentLog.Cause.PERMANENT, advice);
    }
  }

  /**
   * A non-critical task of a workflow that allows partial completion: the failure becomes the
   * node's output ({@code error}, {@code status: failed}) and the run goes on; its status shows
   * the node failed and the run ends partially_completed.
   */
  private void continueWithout(LockedExternalTask task, String workerId, AgentCall call,
      String message) {
    ObjectNode output = JSON.createObjectNode().put("error", message).put("status", "failed")
        .put("critical", false);
    report(() -> externalTasks.complete(task.getId(), workerId,
        Map.of(call.nodeId(), JsonValues.toVariable(output))));
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
        BpmnConventions.ON_FAILURE_ROUTE.equals(props.get(BpmnConventions.PROP_ON_FAILURE)),
        BpmnConventions.ON_FAILURE_CONTINUE.equals(props.get(BpmnConventions.PROP_ON_FAILURE)),
        props.get(BpmnConventions.PROP_AGENT), Map.of(), List.of());
  }

  // incident messages are stored in a 4000-character column
  private static String truncate(String message) {
    return message.length() > 3900 ? message.substring(0, 3900) + "..." : message;
  }
}
