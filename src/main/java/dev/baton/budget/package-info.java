/**
 * Budgets and cost: the cost ledger (one row per model call, kept by Flyway-managed tables),
 * spend per run, workflow and tenant read from it, the facts the budget decision table
 * ({@code baton-budget-check}) decides on, and the run's cost breakdown.
 */
package dev.baton.budget;
