/**
 * Budgets and cost: the cost ledger (one row per model call, kept by Flyway-managed tables),
 * spend per run, workflow and tenant read from it, each run's budget in force ({@link
 * dev.baton.budget.RunBudgets}: set at the run's start, raised only by approved overrides,
 * never read from a process variable), the facts the budget decision table ({@code
 * baton-budget-check}) decides on, the hard-cap reservations, and the run's cost breakdown.
 * One cost rule ({@link dev.baton.budget.CostFormula}) prices a call for the deploy-time
 * estimate, the decision table's facts and the reservation alike. The budget exposes checking
 * ({@code budgetFacts}, {@code budgetGuard}), reserving and settling ({@link
 * dev.baton.budget.CallBudget}) and reporting ({@link dev.baton.budget.CostReport}); the human
 * decision to raise a run's budget belongs to {@code approval}, which calls {@link
 * dev.baton.budget.RunBudgets#raise}. Depends on no package that depends on it (see
 * ArchitectureTest).
 */
package dev.baton.budget;
