/**
 * Every human decision of a run: approval gates and budget overrides ({@code budgetOverrides}),
 * both checked and recorded by one {@code DecisionRecorder}. Approval gates: the pending
 * list, approve, reject and request changes, and the rules that
 * hold them on the engine whatever the entry point (Baton's API, Tasklist, {@code /engine-rest},
 * Cockpit). Every decision is checked and recorded by the gate's complete listener ({@code
 * ${approvals.record(task)}}) into Baton's own record ({@link dev.baton.approval.GateDecisions},
 * which the rules and the run status read; process variables are display copies). {@link
 * dev.baton.approval.GateEnginePlugin} puts the engine guards into Camunda's command chain:
 * only candidates decide, with the form's fields only; only administrators change a gate's
 * candidates or timers or move a run past it; refusals are audited and answered 403/400.
 */
@EngineSide
package dev.baton.approval;

import dev.baton.EngineSide;
