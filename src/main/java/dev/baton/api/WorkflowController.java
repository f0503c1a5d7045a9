package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.budget.CostEstimate;
import dev.baton.limits.RequestLimits;
import dev.baton.problem.BadRequestException;
import dev.baton.run.RunService;
import dev.baton.run.RunStarted;
import dev.baton.security.Caller;
import dev.baton.workflow.DeploymentResult;
import dev.baton.workflow.SpecChecks;
import dev.baton.workflow.Workflow;
import dev.baton.workflow.WorkflowService;
import dev.baton.workflow.bpmn.BpmnRoundTrip;
import dev.baton.workflow.bpmn.EditReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Workflows: deploy a spec (or a BPMN edited in the Modeler), list and read them, fetch their BPMN, start runs. */
@RestController
@RequestMapping("/api/workflows")
class WorkflowController {

  private final WorkflowService workflows;
  private final RunService runs;
  private final RequestLimits limits;
  private final BpmnRoundTrip roundTrip;

  WorkflowController(WorkflowService workflows, RunService runs, RequestLimits limits,
      BpmnRoundTrip roundTrip) {
    this.workflows = workflows;
    this.roundTrip = roundTrip;
    this.runs = runs;
    this.limits = limits;
  }

  /**
   * @param spec the workflow spec, as a JSON object or as JSON text (text gets line and column
   *     in parse errors)
   * @param tenantId the tenant that owns the workflow, for a user of several tenants (otherwise
   *     their only one)
   */
  record CreateWorkflow(String slug, String title, JsonNode spec, String version,
      String tenantId) {}

  record Deployed(String id, String slug, String title, String version,
      String processDefinitionId, int deploymentVersion, String tenantId, boolean changed,
      List<Map<String, String>> warnings, Estimate estimate) {

    /** The reply to a deployment, here and from a template. */
    static ResponseEntity<Deployed> created(DeploymentResult result) {
      return ResponseEntity.created(location(result)).body(of(result));
    }

    static Deployed of(DeploymentResult result) {
      Workflow w = result.workflow();
      return new Deployed(
          w.id(), w.slug(), w.title(), w.version(), w.processDefinitionId(),
          w.deploymentVersion(), w.tenantId(), result.changed(),
          ProblemHandler.describe(result.warnings()), Estimate.of(result.estimate()));
    }

    static URI location(DeploymentResult result) {
      return URI.create("/api/workflows/" + result.workflow().id());
    }
  }

  /**
   * The reply to deploying an edited BPMN: a {@link Deployed}, and what became of the edits.
   */
  record BpmnDeployed(@JsonUnwrapped Deployed deployed, EditReport edits) {}

  /** {@link CostEstimate} for the API: USD, rounded to 8 decimals. */
  record Estimate(BigDecimal worstCaseUsd, BigDecimal criticalPathUsd, BigDecimal minimumUsd,
      List<NodeEstimate> perNode) {

    static Estimate of(CostEstimate e) {
      return new Estimate(round(e.worstCaseTotalUsd()), round(e.criticalPathUsd()),
          round(e.minimumUsd()), e.perNode().stream()
              .map(n -> new NodeEstimate(n.nodeId(), round(n.maxCostUsd()), n.maxRuns()))
              .toList());
    }
  }

  /** @param maxRuns how often the node can run (loops); 0 for nodes that call no model */
  record NodeEstimate(String nodeId, BigDecimal maxCostUsd, int maxRuns) {}

  private static BigDecimal round(BigDecimal usd) {
    return usd.setScale(8, RoundingMode.HALF_UP);
  }

  record Validation(boolean valid, List<Map<String, String>> errors,
      List<Map<String, String>> warnings) {}

  record StartRun(JsonNode inputData, Integer priority) {}

  @PostMapping
  ResponseEntity<Deployed> create(@RequestBody CreateWorkflow request, Caller caller) {
    if (request.spec() == null || request.spec().isNull()) {
      throw new BadRequestException("spec is required: the workflow spec as a JSON object");
    }
    limits.name("$.title", request.title());
    limits.version("$.version", request.version());
    WorkflowService.Target target = workflows.target(caller, request.slug(), request.tenantId());
    DeploymentResult result = request.spec().isTextual()
        ? workflows.deploy(target, request.title(), request.version(), request.spec().asText())
        : workflows.deploy(target, request.title(), request.version(), request.spec());
    return Deployed.created(result);
  }

  /**
   * Deploys a BPMN edited in Camunda Modeler (as the Modeler saves it): Baton derives the spec
   * from the edits it can take, checks and compiles it as any spec and keeps the analyst's
   * layout; the process id is the slug. 409 when the workflow changed since the BPMN was
   * downloaded, 422 naming each element whose edit cannot be deployed.
   */
  @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  ResponseEntity<BpmnDeployed> createFromBpmn(@RequestBody String bpmn,
      @RequestParam(name = "tenant_id", required = false) String tenantId, Caller caller) {
    BpmnRoundTrip.Imported imported = roundTrip.deploy(caller, bpmn, tenantId);
    return ResponseEntity.created(Deployed.location(imported.deployment()))
        .body(new BpmnDeployed(Deployed.of(imported.deployment()), imported.edits()));
  }

  /**
   * Checks a spec without deploying it: the same checks, problems and order as deploying it
   * (agents matched, models and keys looked up, budget checked in the tenant it would be
   * deployed in).
   */
  @PostMapping("/validate")
  Validation validate(@RequestBody JsonNode spec,
      @RequestParam(name = "tenant_id", required = false) String tenantId, Caller caller) {
    SpecChecks.Report report = workflows.check(spec,
        workflows.target(caller, "validate", tenantId).tenantId());
    return new Validation(report.valid(), ProblemHandler.describe(report.errors()),
        ProblemHandler.describe(report.warnings()));
  }

  @GetMapping
  List<Workflow> list(Caller caller) {
    return workflows.list(caller);
  }

  @GetMapping("/{id}")
  Workflow get(@PathVariable String id, Caller caller) {
    return workflows.get(caller, id);
  }

  @GetMapping(value = "/{id}/bpmn", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> bpmn(@PathVariable String id, Caller caller) {
    return ResponseEntity.ok()
        .header("Content-Disposition", "inline; filename=\"" + id + ".bpmn\"")
        .body(workflows.bpmn(caller, id));
  }

  @PostMapping("/{id}/runs")
  ResponseEntity<RunStarted> start(@PathVariable String id,
      @RequestBody(required = false) StartRun request, Caller caller) {
    StartRun body = request == null ? new StartRun(null, null) : request;
    limits.runInput(body.inputData());
    limits.priority(body.priority());
    RunStarted run = runs.start(caller, id, body.inputData(),
        body.priority() == null ? 0 : body.priority());
    return ResponseEntity.created(URI.create("/api/workflows/runs/" + run.id())).body(run);
  }
}
