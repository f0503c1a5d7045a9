/**
 * Replay: a finished (or running) run's recording, its reply journal and gate decisions, walked
 * through a changed spec or changed prompts as the engine would route it, without calling a
 * model, writing to the ledger or starting a process instance. The planner ({@link
 * dev.baton.replay.ReplayPlanner}) is a pure function of the spec, the recording and a prompt
 * renderer; the service gathers those for a run the caller may read; the retention deletes the
 * recordings of runs whose history is gone.
 */
@EngineSide
package dev.baton.replay;

import dev.baton.EngineSide;
