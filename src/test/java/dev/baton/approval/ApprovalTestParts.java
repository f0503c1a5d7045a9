package dev.baton.approval;

import dev.baton.audit.AuditLog;
import dev.baton.budget.RunBudgets;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;

/**
 * What the process tests' engine ({@code dev.baton.process.ProcessTestEngine}) wires by hand
 * of this package, so that its insides can stay package-private.
 */
public final class ApprovalTestParts {

  private ApprovalTestParts() {}

  /** The engine guards of approvals, as the application registers them. */
  public static ProcessEnginePlugin enginePlugin(AuditLog audit, RunBudgets budgets,
      GateDecisions decisions) {
    return new GateEnginePlugin(audit, budgets, decisions);
  }
}
