/**
 * Baton's own metrics beside Camunda's and the model calls' ({@code baton.llm.*}): runs, agent
 * tasks (with the seed's {@code workflow.tasks.completed} and {@code
 * workflow.execution.duration}), approval decision times, read from the engine's history events
 * as they commit; and the backlog (approvals pending, incidents open, agent tasks queued, jobs
 * due) as gauges over the shared database, so every engine node reports the same figures.
 */
@EngineSide
package dev.baton.metrics;

import dev.baton.EngineSide;
