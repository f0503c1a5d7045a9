package dev.baton.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import dev.baton.workflow.DeploymentResult;
import dev.baton.workflow.WorkflowService;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Workflows from templates: lists the shipped templates, fills one with the caller's parameters
 * and deploys the spec it yields through {@link WorkflowService} - the same checks, tenant,
 * ownership and audit as {@code POST /api/workflows}.
 */
@Service
public class TemplateService {

  private final TemplateLibrary library;
  private final WorkflowService workflows;

  TemplateService(TemplateLibrary library, WorkflowService workflows) {
    this.library = library;
    this.workflows = workflows;
  }

  public List<Template> list() {
    return library.all();
  }

  public Template get(String id) {
    return library.find(id).orElseThrow(() -> new NotFoundException("no template '" + id
        + "'; GET /api/templates lists them"));
  }

  /** The spec a template yields with these parameters, not deployed. */
  public JsonNode fill(String id, JsonNode parameters) {
    return TemplateFiller.fill(get(id), parameters);
  }

  /**
   * Fills the template and deploys the spec under {@code slug}.
   *
   * @throws dev.baton.problem.InvalidFieldException for a bad parameter
   * @throws dev.baton.spec.InvalidSpecException when the filled spec fails the spec checks
   */
  public DeploymentResult create(Caller caller, String templateId, String slug,
      String tenantId, String title, String version, JsonNode parameters) {
    JsonNode spec = fill(templateId, parameters);
    return workflows.deploy(workflows.target(caller, slug, tenantId), title, version, spec);
  }
}
