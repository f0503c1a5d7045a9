package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.BatonProperties;
import dev.baton.budget.BudgetExceededException;
import dev.baton.contract.BpmnConventions;
import dev.baton.llm.LlmException;
import dev.baton.privacy.Privacy;
import dev.baton.contract.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one locked agent task: decodes it ({@link AgentCall#of}), answers it from the reply
 * journal or the model ({@link AgentExecution}) under a kept lock, journals and settles the
 * answer, then completes the task and locks the run's next one in the same transaction. What
 * went wrong is reported by {@link TaskOutcomes}: a transient failure waits or is retried, a
 * permanent one follows the node's {@code failure} edge or becomes an incident.
 */
@Component
class AgentTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(AgentTaskHandler.class);

  private final EngineTasks externalTasks;
  private final ReplyJournal journal;
  private final LockKeeper locks;
  private final AgentSetup agents;
  private final AnswerSettlement settlement;
  private final Bookkeeping bookkeeping;
  private final AgentExecution execution;
  private final TaskOutcomes outcomes;
  private final Privacy privacy;
  /** What a completion locks for its worker thread: the next agent task, with its input. */
  private final EngineTasks.Next nextTask;

  AgentTaskHandler(EngineTasks externalTasks, ReplyJournal journal, LockKeeper locks,
      BatonProperties properties, AgentSetup agents, AnswerSettlement settlement,
      Bookkeeping bookkeeping, AgentExecution execution, TaskOutcomes outcomes,
      Privacy privacy) {
    this.externalTasks = externalTasks;
    this.journal = journal;
    this.locks = locks;
    this.agents = agents;
    this.settlement = settlement;
    this.bookkeeping = bookkeeping;
    this.execution = execution;
    this.outcomes = outcomes;
    this.privacy = privacy;
    // the variables a fetch takes too: the input, and the run's trace context for the span
    this.nextTask = new EngineTasks.Next(BpmnConventions.AGENT_TOPIC,
        properties.worker().lockDuration(),
        List.of(BpmnConventions.VAR_INPUT, BpmnConventions.VAR_TRACEPARENT));
  }

  /**
   * @return the next agent task, locked in the transaction that completed this one (usually
   *     the run's next node), for the calling thread to run now; null when there is none
   */
  LockedExternalTask handle(LockedExternalTask task, String workerId) {
    AgentCall call = AgentCall.of(task);
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
            execution.execute(agents.apply(call), task, variablesOf(task, call))));
        if (lease.lost()) {
          log.warn("Agent task {} of node {} is held by another worker now; it completes it "
              + "from the reply journal", task.getId(), call.nodeId());
          return null;
        }
      }
      // the output becomes a process variable (and history): with its PII masked, whether it
      // comes from the model or from a journal that kept the original
      JsonNode stored = privacy.output(output);
      List<LockedExternalTask> next = new ArrayList<>(1);
      TaskOutcomes.report(() -> {
        next.clear();
        next.addAll(externalTasks.completeAndLock(task.getId(), workerId,
            Map.of(call.nodeId(), JsonValues.toVariable(stored)),
            () -> journal.completed(task.getId()), nextTask));
      });
      return next.isEmpty() ? null : next.get(0);
    } catch (LlmException e) {
      if (e.kind() == LlmException.Kind.TRANSIENT) {
        outcomes.waitForProvider(task, workerId, call, e);
      } else {
        outcomes.failPermanently(task, workerId, call, e.getMessage());
      }
    } catch (PromptException | AgentUnavailableException e) {
      outcomes.failPermanently(task, workerId, call, e.getMessage());
    } catch (BudgetExceededException e) {
      outcomes.stopOverBudget(task, workerId, call, e.getMessage());
    } catch (BadUserRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      outcomes.retryLater(task, workerId, call,
          e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    }
    return null;
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

}
