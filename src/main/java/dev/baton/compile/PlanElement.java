package dev.baton.compile;

import java.util.List;
import java.util.Map;

/**
 * One BPMN flow node the compiler will emit. Fields that do not apply to a kind are null or
 * empty.
 *
 * @param attachedTo host activity of a boundary event
 * @param properties camunda:properties (settings the runtime reads, and each setting on its own
 *     for the Modeler's element templates, {@link ModelerTemplates})
 * @param startListener expression run when the element starts (execution listener)
 * @param endListener expression run when the element ends
 * @param timer duration of a timer event; the writer emits it as ISO 8601 (never spec text)
 * @param asyncBefore transaction boundary before the element
 */
record PlanElement(
    String id,
    Kind kind,
    String name,
    String attachedTo,
    Map<String, String> properties,
    String startListener,
    String endListener,
    java.time.Duration timer,
    boolean asyncBefore,
    List<String> candidateGroups,
    List<String> candidateUsers) {

  enum Kind {
    START,
    END,
    TERMINATE_END,
    AGENT_TASK,
    BUDGET_CHECK,
    APPROVAL,
    /** A budget-override approval (user task) in front of an agent task. */
    BUDGET_OVERRIDE,
    EXCLUSIVE_GATEWAY,
    PARALLEL_GATEWAY,
    INCLUSIVE_GATEWAY,
    TIMER_BOUNDARY,
    /** A timer that fires while its task goes on (escalation). */
    ESCALATION_TIMER,
    ERROR_BOUNDARY;

    boolean isGateway() {
      return this == EXCLUSIVE_GATEWAY || this == PARALLEL_GATEWAY || this == INCLUSIVE_GATEWAY;
    }

    boolean isEvent() {
      return this == START || this == END || this == TERMINATE_END || isBoundary();
    }

    boolean isBoundary() {
      return this == TIMER_BOUNDARY || this == ESCALATION_TIMER || this == ERROR_BOUNDARY;
    }
  }

  static PlanElement of(String id, Kind kind, String name) {
    return new PlanElement(id, kind, name, null, Map.of(), null, null, null, false, List.of(),
        List.of());
  }

  PlanElement withListener(String expression) {
    return new PlanElement(id, kind, name, attachedTo, properties, expression, endListener,
        timer, asyncBefore, candidateGroups, candidateUsers);
  }

  PlanElement withEndListener(String expression) {
    return new PlanElement(id, kind, name, attachedTo, properties, startListener, expression,
        timer, asyncBefore, candidateGroups, candidateUsers);
  }

  PlanElement async() {
    return new PlanElement(id, kind, name, attachedTo, properties, startListener, endListener,
        timer, true, candidateGroups, candidateUsers);
  }
}
