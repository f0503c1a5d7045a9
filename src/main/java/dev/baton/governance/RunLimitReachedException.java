package dev.baton.governance;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A run refused because the policy's {@code workflows.max_concurrent_runs} are in flight. An
 * engine exception, so that whichever entry point started the run (Baton's API, the engine's
 * REST API, Tasklist) gets the same refusal: 429 with this message.
 */
public class RunLimitReachedException extends ProcessEngineException {

  RunLimitReachedException(int limit, long running) {
    super(running + " runs are in flight and the governance policy's "
        + "workflows.max_concurrent_runs is " + limit + ": start this run once one has ended");
  }
}
