package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.limits.RequestLimits;
import dev.baton.problem.BadRequestException;
import dev.baton.security.Caller;
import dev.baton.template.Template;
import dev.baton.template.TemplateParameter;
import dev.baton.template.TemplateService;
import dev.baton.workflow.DeploymentResult;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Workflow templates: list and read them; create a workflow from one. */
@RestController
class TemplateController {

  private final TemplateService templates;
  private final RequestLimits limits;

  TemplateController(TemplateService templates, RequestLimits limits) {
    this.templates = templates;
    this.limits = limits;
  }

  record Parameter(String name, String type, String description, boolean required,
      JsonNode defaultValue, List<String> allowed, Double minimum, Double maximum) {

    static Parameter of(TemplateParameter p) {
      return new Parameter(p.name(), p.type(), p.description(), p.required(), p.defaultValue(),
          p.allowed().isEmpty() ? null : p.allowed(), p.minimum(), p.maximum());
    }
  }

  record Summary(String id, String title, String description, String source,
      List<Parameter> parameters) {

    static Summary of(Template t) {
      return new Summary(t.id(), t.title(), t.description(), t.source(),
          t.parameters().stream().map(Parameter::of).toList());
    }
  }

  record Detail(String id, String title, String description, String source,
      List<Parameter> parameters, JsonNode spec) {}

  /**
   * @param parameters name to value; parameters with a default may be left out
   * @param tenantId as for {@code POST /api/workflows}
   */
  record FromTemplate(String templateId, String slug, String title, String version,
      String tenantId, JsonNode parameters) {}

  @GetMapping("/api/templates")
  List<Summary> list() {
    return templates.list().stream().map(Summary::of).toList();
  }

  @GetMapping("/api/templates/{id}")
  Detail get(@PathVariable String id) {
    Template t = templates.get(id);
    Summary s = Summary.of(t);
    return new Detail(s.id(), s.title(), s.description(), s.source(), s.parameters(), t.spec());
  }

  @PostMapping("/api/workflows/from-template")
  ResponseEntity<WorkflowController.Deployed> create(@RequestBody FromTemplate request,
      Caller caller) {
    if (request.templateId() == null || request.templateId().isBlank()) {
      throw new BadRequestException("template_id is required: GET /api/templates lists them");
    }
    limits.name("$.title", request.title());
    limits.version("$.version", request.version());
    DeploymentResult result = templates.create(caller, request.templateId(), request.slug(),
        request.tenantId(), request.title(), request.version(), request.parameters());
    return WorkflowController.Deployed.created(result);
  }
}
