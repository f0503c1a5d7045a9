package dev.baton.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.budget.CostEstimate;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What a business approver reads on a budget-override task: which step needs more money, what
 * the run is for, where it stands, and what approving does, in words rather than API paths.
 */
final class OverrideReview {

  private OverrideReview() {}

  /**
   * On the override task's creation: its review text (in local variable {@code variable}) and
   * its due date, when the request times out.
   */
  public static void prepare(DelegateTask task, String variable, String nodeId, String reason,
      BigDecimal spentUsd, BigDecimal budgetUsd, java.util.function.UnaryOperator<String> shown) {
    var repository = task.getProcessEngineServices().getRepositoryService();
    String workflow = EngineAccess.asEngine(
        () -> repository.getProcessDefinition(task.getProcessDefinitionId()).getName());
    task.setVariableLocal(variable, shown.apply(render(GateProperties.nameOf(task, nodeId),
        workflow == null ? task.getProcessDefinitionId().split(":")[0] : workflow,
        task.getProcessInstanceId(), reason, spentUsd, budgetUsd,
        JsonValues.toJson(task.getVariable(BpmnConventions.VAR_INPUT)))));
    TimerDue.of(task, ClockUtil.getCurrentTime()).ifPresent(task::setDueDate);
  }

  /**
   * @param stepName the agent task's name as the workflow shows it
   * @param reason what the budget check said
   * @param input the run's input ({@code null} when it has none)
   */
  public static String render(String stepName, String workflowName, String runId,
      String reason, BigDecimal spentUsd, BigDecimal budgetUsd, JsonNode input) {
    StringBuilder md = new StringBuilder();
    md.append("### More budget needed for ").append(stepName).append("\n\n");
    md.append("Workflow **").append(workflowName).append("** · run `").append(runId)
        .append("`\n\n");
    md.append("The next step, **").append(stepName)
        .append("**, would cost more than this run may still spend.\n\n");
    md.append("- The budget check said: _").append(reason).append("_\n");
    md.append("- Spent so far: **$").append(CostEstimate.usd(spentUsd)).append("** of a run ")
        .append("budget of **$").append(CostEstimate.usd(budgetUsd)).append("**\n\n");
    ReviewText.input(md, input);
    md.append("**Approve** to raise this run's budget by the amount below, with a reason; the ")
        .append("budget check then runs again and the step starts. **Reject** to stop the run ")
        .append("here. Approving does not raise a limit set for the whole workflow or team: if ")
        .append("the check names such a limit, ask a Baton operator to raise it first.\n");
    return md.toString();
  }
}
