package dev.baton.workflow;

import dev.baton.budget.CostEstimate;
import dev.baton.spec.SpecProblem;
import java.util.List;

/**
 * What deploying a spec did.
 *
 * @param changed false when the spec compiled to exactly the BPMN already deployed, so no new
 *     process version was created
 * @param warnings problems that did not stop the spec (unknown fields, unused timeouts, a
 *     worst case above the budget ...)
 * @param estimate what a run can cost, at the model prices of this deployment
 */
public record DeploymentResult(Workflow workflow, boolean changed, List<SpecProblem> warnings,
    CostEstimate estimate) {}
