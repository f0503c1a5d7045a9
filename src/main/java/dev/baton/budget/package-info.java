/**
 * Budgets and cost: the cost ledger (one row per model call, kept by Flyway-managed tables),
 * spend per run, workflow and tenant read from it, each run's budget in force ({@link
 * dev.baton.budget.RunBudgets}: set at the run's start, raised only by approved overrides,
 * never read from a process variable), the facts the budget decision table ({@code
 * baton-budget-check}) decides on, the hard-cap reservations, and the run's cost breakdown.
 */
package dev.baton.budget;
