/**
 * The built-in {@code meta} tool ({@code connectors/meta.json}): an agent orchestrates Baton
 * from inside its run - lists templates and workflows, creates a workflow from a template or a
 * spec it wrote (through {@link dev.baton.workflow.WorkflowService}, the same checks as any
 * deployment), starts child runs ({@link dev.baton.run.ChildRuns}: linked to the parent,
 * budgeted within what the parent has left, limited in depth and count) and reads their status.
 * Whatever the agent's scopes, it acts with the rights of the person who started the run, never
 * more. The gate of {@link dev.baton.tool} has checked assignment, scope, hourly limit and
 * budget, and records and prices every use.
 */
package dev.baton.tool.meta;
