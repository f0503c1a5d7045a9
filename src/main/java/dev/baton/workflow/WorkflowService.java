package dev.baton.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.BatonProperties;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.budget.BudgetBelowMinimumException;
import dev.baton.budget.CostEstimate;
import dev.baton.compile.BpmnCompiler;
import dev.baton.compile.CompiledWorkflow;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.NotFoundException;
import dev.baton.llm.ModelCatalogue;
import dev.baton.llm.ModelPrices;
import dev.baton.security.Caller;
import dev.baton.security.EngineIdentity;
import dev.baton.spec.InvalidSpecException;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import dev.baton.spec.WorkflowSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/** Deploys specs as Camunda processes and reads deployed workflows back. */
@Service
public class WorkflowService {

  /** Deployment source of everything Baton deploys from a spec. */
  public static final String DEPLOYMENT_SOURCE = "baton";

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final String SPEC_SUFFIX = ".baton.json";

  private final RepositoryService repository;
  private final SpecReader reader;
  private final BpmnCompiler compiler;
  private final FormResources forms;
  private final ObjectMapper json;
  private final ModelPrices prices;
  private final ModelCatalogue models;
  private final BatonProperties.Budget budget;
  private final DeployChecks checks;
  private final EngineIdentity engine;
  private final String defaultTenant;
  private final AuditLog audit;

  WorkflowService(
      RepositoryService repository,
      SpecReader reader,
      BpmnCompiler compiler,
      FormResources forms,
      ObjectMapper json,
      ModelPrices prices,
      ModelCatalogue models,
      BatonProperties properties,
      DeployChecks checks,
      EngineIdentity engine,
      AuditLog audit) {
    this.checks = checks;
    this.engine = engine;
    this.audit = audit;
    this.defaultTenant = properties.tenantId();
    this.models = models;
    this.repository = repository;
    this.reader = reader;
    this.compiler = compiler;
    this.forms = forms;
    this.json = json;
    this.prices = prices;
    this.budget = properties.budget();
  }

  /**
   * Checks, compiles and deploys a spec. Deploying an unchanged spec creates no new version.
   *
   * @throws dev.baton.spec.InvalidSpecException listing every problem of an invalid spec
   * @throws BudgetBelowMinimumException when even the cheapest run would exceed the spec's hard
   *     budget ({@code metadata.budget_usd} under {@code hard_cap} enforcement)
   */
  public DeploymentResult deploy(Target target, String title, String version, JsonNode spec) {
    checkSlug(target.slug());
    SpecReport report = reader.read(spec);
    return deploy(target, title, version, report.orThrow(), spec, report);
  }

  /** As {@link #deploy(Target, String, String, JsonNode)}, from JSON text (with line numbers). */
  public DeploymentResult deploy(Target target, String title, String version, String specJson) {
    checkSlug(target.slug());
    SpecReport report = reader.read(specJson);
    WorkflowSpec spec = report.orThrow();
    try {
      return deploy(target, title, version, spec, json.readTree(specJson), report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("spec was read but cannot be re-parsed", e);
    }
  }

  /**
   * Where a spec is deployed: its slug, in a tenant.
   *
   * @param tenantId the tenant that owns the workflow; slugs are unique across tenants
   */
  public record Target(String slug, String tenantId) {}

  /**
   * The target of a caller's deployment: in the tenant they name (if they belong to it), else
   * their only tenant; the installation's default tenant for Baton itself.
   */
  public Target target(Caller caller, String slug, String requestedTenant) {
    return new Target(slug, caller.tenantFor(requestedTenant, defaultTenant));
  }

  private DeploymentResult deploy(
      Target target, String title, String version, WorkflowSpec spec, JsonNode tree,
      SpecReport report) {
    String slug = target.slug();
    checkOwner(target);
    // models the catalogue knows; agents from the registry; prompt templates: all refused
    // here, not at run time
    List<SpecProblem> errors = new ArrayList<>(ModelReferences.check(spec, models));
    DeployChecks.Bound bound = checks.check(spec, tree, target.tenantId());
    errors.addAll(bound.errors());
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    spec = bound.spec();
    // priced with what runs will use: the agent's model and max_tokens where the node sets none
    CostEstimate estimate = CostEstimate.of(bound.estimated(), prices);
    List<SpecProblem> warnings = new ArrayList<>(report.warnings());
    bound.problems().stream().filter(p -> !p.isError()).forEach(warnings::add);
    checkBudget(spec, estimate).ifPresent(warnings::add);
    CompiledWorkflow compiled = compiler.compile(slug, title, version, spec, bound.agents());
    DeploymentBuilder builder =
        repository
            .createDeployment()
            .name(slug)
            .tenantId(target.tenantId())
            .source(DEPLOYMENT_SOURCE)
            .enableDuplicateFiltering(false)
            .addString(compiled.resourceName(), compiled.bpmnXml())
            .addString(slug + SPEC_SUFFIX, pretty(tree));
    forms.addTo(builder);
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    boolean changed = deployment.getDeployedProcessDefinitions() != null
        && !deployment.getDeployedProcessDefinitions().isEmpty();
    if (changed) {
      audit.append(new AuditEvent("workflow.deployed", null, deployment.getTenantId(),
          "workflow", slug, null,
          json.createObjectNode().put("deployment_id", deployment.getId()).put("version",
              deployment.getDeployedProcessDefinitions().get(0).getVersion())));
    }
    return new DeploymentResult(toWorkflow(latest(slug)), changed, List.copyOf(warnings),
        estimate);
  }

  /**
   * A slug is the process key, which deployed workflows, budgets and the ledger name: one tenant
   * owns it. Another tenant's deployment under the same slug is refused without saying whose.
   */
  private void checkOwner(Target target) {
    boolean taken = repository.createProcessDefinitionQuery()
        .processDefinitionKey(target.slug()).list().stream()
        .anyMatch(d -> !java.util.Objects.equals(d.getTenantId(), target.tenantId()));
    if (taken) {
      throw new ConflictException("slug '" + target.slug() + "' is taken; choose another");
    }
  }

  /**
   * Refuses a spec whose cheapest run exceeds its hard budget (unless the spec lets an
   * approver raise it: {@code budget_override}); warns when only the worst case
   * does (a run may then be stopped part-way, or alert under a soft cap). Specs without {@code
   * metadata.budget_usd} are not checked here: the default budget per run is a setting of the
   * installation, not of the spec.
   */
  private java.util.Optional<SpecProblem> checkBudget(WorkflowSpec spec, CostEstimate estimate) {
    BigDecimal limit = spec.metadata() == null ? null : spec.metadata().budgetUsd();
    if (limit == null) {
      return java.util.Optional.empty();
    }
    // with a budget_override policy the run asks for a raise instead of being stopped
    boolean raisable = spec.metadata().budgetOverride() != null;
    if (budget.hardCap() && !raisable && estimate.minimumUsd().compareTo(limit) > 0) {
      throw new BudgetBelowMinimumException(estimate.minimumUsd(), limit, estimate);
    }
    if (estimate.worstCaseTotalUsd().compareTo(limit) > 0) {
      return java.util.Optional.of(SpecProblem.warning("$.metadata.budget_usd",
          "a run can cost up to $" + CostEstimate.usd(estimate.worstCaseTotalUsd())
              + " (every agent task at its max_tokens, loops at max_iterations) but the budget "
              + "is $" + CostEstimate.usd(limit) + "; the cheapest run costs $"
              + CostEstimate.usd(estimate.minimumUsd()),
          budget.hardCap()
              ? "a run that reaches the budget is stopped; raise metadata.budget_usd or lower "
                  + "max_tokens if every run should finish"
              : "under soft_cap enforcement a run past its budget only alerts"));
    }
    return java.util.Optional.empty();
  }

  /**
   * The problems deploying a valid spec would find beyond the spec itself: no fitting agent, a
   * missing prompt template, a placeholder naming no earlier node.
   */
  public List<SpecProblem> installationProblems(SpecReport report, JsonNode tree,
      String tenantId) {
    return report.valid() ? checks.check(report.spec(), tree, tenantId).problems() : List.of();
  }

  /** The workflows the caller may read: the engine filters by authorization and tenant. */
  public List<Workflow> list(Caller caller) {
    return engine.as(caller, () -> repository.createProcessDefinitionQuery().latestVersion()
        .list().stream()
        .sorted(Comparator.comparing(ProcessDefinition::getKey))
        .map(this::toWorkflow)
        .toList());
  }

  public Workflow get(Caller caller, String id) {
    return engine.as(caller, () -> toWorkflow(latest(id)));
  }

  /** The BPMN XML of the latest version, as deployed. */
  public String bpmn(Caller caller, String id) {
    return engine.as(caller, () -> {
      ProcessDefinition definition = latest(id);
      return resource(definition.getDeploymentId(), definition.getResourceName());
    });
  }

  /** The latest version of a workflow the caller may read. */
  public ProcessDefinition latest(Caller caller, String id) {
    return engine.as(caller, () -> latest(id));
  }

  /** The latest version of a workflow, whoever owns it (Baton's own use). */
  public ProcessDefinition latest(String id) {
    ProcessDefinition definition =
        repository.createProcessDefinitionQuery().processDefinitionKey(id).latestVersion()
            .singleResult();
    if (definition == null) {
      throw new NotFoundException("no workflow '" + id + "' is deployed; GET /api/workflows "
          + "lists the deployed ones");
    }
    return definition;
  }

  /** The spec a process definition was compiled from, or null for hand-written BPMN. */
  public JsonNode spec(ProcessDefinition definition) {
    String name = definition.getKey() + SPEC_SUFFIX;
    if (!repository.getDeploymentResourceNames(definition.getDeploymentId()).contains(name)) {
      return null;
    }
    try {
      return json.readTree(resource(definition.getDeploymentId(), name));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("deployed spec of " + definition.getKey() + " is not JSON",
          e);
    }
  }

  private Workflow toWorkflow(ProcessDefinition definition) {
    Deployment deployment = repository.createDeploymentQuery()
        .deploymentId(definition.getDeploymentId()).singleResult();
    return new Workflow(
        definition.getKey(),
        definition.getKey(),
        definition.getName(),
        definition.getVersionTag(),
        definition.getId(),
        definition.getVersion(),
        deployment.getDeploymentTime().toInstant(),
        definition.getTenantId(),
        spec(definition));
  }

  private String resource(String deploymentId, String name) {
    try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name + " of deployment " + deploymentId, e);
    }
  }

  private String pretty(JsonNode tree) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkSlug(String slug) {
    if ("runs".equals(slug) || "validate".equals(slug)) {
      throw new BadRequestException("slug '" + slug + "' is reserved by the API; choose another");
    }
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw new BadRequestException("slug '" + slug + "' is not valid: use 1-63 lower-case "
          + "letters, digits and '-', starting with a letter (it becomes the BPMN process key)");
    }
  }
}
