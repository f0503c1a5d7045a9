package dev.baton.observe;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One line per new deployment (start-up, API, /engine-rest, Cockpit alike): its id, name,
 * source, tenant and the workflow versions it created. A deployment only loaded into this
 * node's cache again (after a restart, or made on another node) is not logged.
 */
final class DeployLog implements Deployer {

  private static final Logger log = LoggerFactory.getLogger(DeployLog.class);

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    String workflows = deployment.getDeployedProcessDefinitions() == null ? ""
        : deployment.getDeployedProcessDefinitions().stream()
            .map(d -> d.getKey() + ":" + d.getVersion())
            .collect(Collectors.joining(","));
    EventLine.of("workflow.deployed").with("deployment", deployment.getId())
        .with("name", deployment.getName()).with("source", deployment.getSource())
        .with("tenant", deployment.getTenantId()).with("workflows", workflows)
        .log(log, Level.INFO);
  }

}
