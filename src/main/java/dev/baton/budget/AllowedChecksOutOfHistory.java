package dev.baton.budget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedOutput;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.DefaultDmnHistoryEventProducer;
import org.springframework.stereotype.Component;

/**
 * Keeps the budget check's ALLOW decisions out of Camunda's decision history: every agent task
 * is checked, and an ALLOW wrote seven history rows (the decision, four inputs, two outputs)
 * and updated them again when the run ended: 14 of the 50 rows an agent task wrote
 * (docs/benchmarks.md). Every other decision of {@code baton-budget-check} (DENY,
 * REQUIRE_APPROVAL, ALERT, no rule matched) and every other decision table is recorded as
 * before, with its inputs and outputs, in Cockpit and the history API.
 *
 * <p>An ALLOW still leaves evidence: the check's business rule task ({@code <node>__budget})
 * in the activity history, ended and followed by the agent task; the reservation of the call
 * in {@code baton_budget_reservation}; and the counter {@value #METRIC} (tag {@code
 * decision=ALLOW}).
 */
@Component
class AllowedChecksOutOfHistory extends AbstractProcessEnginePlugin {

  public static final String METRIC = "baton.budget.checks.unrecorded";
  public static final String DECISION_KEY = "baton-budget-check";

  private final Counter allowed;

  AllowedChecksOutOfHistory(MeterRegistry meters) {
    this.allowed = Counter.builder(METRIC)
        .description("Budget checks that allowed the agent task, kept out of the decision "
            + "history")
        .tag("decision", "ALLOW").register(meters);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDmnHistoryEventProducer(new DefaultDmnHistoryEventProducer() {
      @Override
      public HistoryEvent createDecisionEvaluatedEvt(DelegateExecution execution,
          DmnDecisionEvaluationEvent evaluation) {
        if (isAllow(evaluation)) {
          allowed.increment();
          return null; // Camunda's history listener writes nothing for a null event
        }
        return super.createDecisionEvaluatedEvt(execution, evaluation);
      }
    });
  }

  /** An evaluation of the budget table whose first matching rule decided ALLOW. */
  static boolean isAllow(DmnDecisionEvaluationEvent evaluation) {
    if (!evaluation.getRequiredDecisionResults().isEmpty()) {
      return false;
    }
    DmnDecisionLogicEvaluationEvent result = evaluation.getDecisionResult();
    if (!DECISION_KEY.equals(result.getDecision().getKey())
        || !(result instanceof DmnDecisionTableEvaluationEvent table)) {
      return false;
    }
    List<DmnEvaluatedDecisionRule> matched = table.getMatchingRules();
    if (matched.isEmpty()) {
      return false;
    }
    for (DmnEvaluatedOutput output : matched.get(0).getOutputEntries().values()) {
      if ("decision".equals(output.getOutputName())) {
        return output.getValue() != null && "ALLOW".equals(output.getValue().getValue());
      }
    }
    return false;
  }
}
