package dev.baton.bundle;

import dev.baton.contract.BpmnConventions;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Which deployed workflows run nodes on an agent: the compiler writes the agent matched at
 * deploy time into each agent task as {@code baton.agent}, so the latest version of each
 * workflow says which of its nodes would stop if that agent were disabled. Read from the
 * engine's repository (its model cache), so every engine node answers alike.
 */
@Component
class AgentUsage {

  private final RepositoryService repository;

  AgentUsage(RepositoryService repository) {
    this.repository = repository;
  }

  List<BundleUninstall.WorkflowUse> latestVersionsUsing(String agentSlug, String tenantId) {
    List<BundleUninstall.WorkflowUse> uses = new ArrayList<>();
    List<ProcessDefinition> latest = repository.createProcessDefinitionQuery()
        .tenantIdIn(tenantId).latestVersion().orderByProcessDefinitionKey().asc().list();
    for (ProcessDefinition definition : latest) {
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      List<String> nodes = model.getModelElementsByType(CamundaProperty.class).stream()
          .filter(p -> BpmnConventions.PROP_AGENT.equals(p.getCamundaName()))
          .filter(p -> agentSlug.equals(p.getCamundaValue()))
          .map(p -> p.getParentElement().getParentElement().getParentElement()
              .getAttributeValue("id"))
          .toList();
      if (!nodes.isEmpty()) {
        uses.add(new BundleUninstall.WorkflowUse(definition.getKey(), definition.getVersion(), nodes));
      }
    }
    return uses;
  }
}
