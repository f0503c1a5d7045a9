package dev.baton.cluster;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this engine node ({@code baton.node-id}, e.g. from {@code BATON_NODE_ID}). Camunda
 * writes the name into the history of every job this node's job executor runs
 * ({@code ACT_HI_JOB_LOG.HOSTNAME_}) and into its metrics, so an operator (and the cluster
 * test) can see which node did what. Without it Camunda uses the host's address.
 */
@Component
class NodeId extends AbstractProcessEnginePlugin {

  private final String nodeId;

  NodeId(@Value("${baton.node-id:}") String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeId.isBlank()) {
      configuration.setHostname(nodeId);
    }
  }
}
