package dev.baton.approval;

import dev.baton.contract.BpmnConventions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * What an approval lets happen: the steps the run takes next if the approver says yes, read
 * from the deployed BPMN (so an analyst's edit in the Modeler is reflected). Follows the
 * approved path through gateways, budget checks and events to the first agent tasks, the next
 * human step, or the end of the run.
 */
final class NextSteps {

  static final int MAX = 5;

  private NextSteps() {}

  /** Names of what follows {@code gate} when it is approved, in the order they are reached. */
  static Set<String> afterApproval(FlowNode gate) {
    Set<String> next = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<FlowNode> open = new ArrayDeque<>();
    follow(gate, open);
    while (!open.isEmpty() && next.size() < MAX) {
      FlowNode node = open.removeFirst();
      if (!seen.add(node.getId()) || node.getId().equals(gate.getId())) {
        continue;
      }
      if (node instanceof ServiceTask || node instanceof UserTask) {
        next.add(labelOf(node));
      } else if (node instanceof EndEvent) {
        next.add("the run ends");
      } else {
        follow(node, open);
      }
    }
    return next;
  }

  /**
   * Where a node decides on a gate's outcome, only the approved branch; elsewhere every branch
   * (a spec's own conditions are not known until the run gets there).
   */
  private static void follow(FlowNode from, Deque<FlowNode> open) {
    List<SequenceFlow> approved = from.getOutgoing().stream()
        .filter(flow -> tests(flow, "\"" + BpmnConventions.OUTCOME_APPROVED + "\"")
            || tests(flow, "'" + BpmnConventions.OUTCOME_APPROVED + "'")).toList();
    for (SequenceFlow flow : approved.isEmpty() ? from.getOutgoing() : approved) {
      if (approved.contains(flow) || !tests(flow, BpmnConventions.outcomeVariable(""))) {
        open.addLast(flow.getTarget());
      }
    }
  }

  private static boolean tests(SequenceFlow flow, String text) {
    ConditionExpression condition = flow.getConditionExpression();
    return condition != null && condition.getTextContent().contains(text);
  }

  private static String labelOf(FlowElement element) {
    String name = element.getName();
    String label = name == null || name.isBlank() ? element.getId() : name;
    return element instanceof UserTask ? "the approval '" + label + "'" : label;
  }
}
