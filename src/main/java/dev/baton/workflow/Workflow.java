package dev.baton.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A deployed workflow, as the API shows it.
 *
 * @param id the slug, which is also the BPMN process key
 * @param processDefinitionId the Camunda process definition of the latest version
 * @param deploymentVersion Camunda's version counter: it only grows when the spec changed
 * @param tenantId the tenant that owns the workflow (its runs, tasks and spend)
 */
public record Workflow(
    String id,
    String slug,
    String title,
    String version,
    String processDefinitionId,
    int deploymentVersion,
    Instant deployedAt,
    String tenantId,
    JsonNode spec) {}
