package dev.baton.agent;

/**
 * The agent a node was deployed with is disabled or gone. Not retried: it needs an operator
 * (enable the agent, or redeploy the workflow so that its nodes are matched again).
 */
class AgentUnavailableException extends RuntimeException {

  AgentUnavailableException(String message) {
    super(message);
  }
}
