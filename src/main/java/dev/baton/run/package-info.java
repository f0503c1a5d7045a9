/**
 * Runs: starting a workflow, reading a run's status from Camunda's runtime and history (never
 * from a copy), aborting and retrying it, and the two beans the compiled BPMN calls: {@code
 * conditions} (edge comparisons and loop guards) and {@code runOutcome} (run defaults and how
 * a run ended).
 */
@EngineSide
package dev.baton.run;

import dev.baton.EngineSide;
