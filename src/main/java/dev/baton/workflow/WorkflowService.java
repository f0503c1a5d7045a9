package dev.baton.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.BatonProperties;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.compile.BpmnCompiler;
import dev.baton.registry.AgentDirectory;
import dev.baton.compile.CompiledWorkflow;
import dev.baton.contract.SpecSource;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import dev.baton.security.EngineIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  /**
   * Deployment source of what the start-up deployment of {@code processes/} creates (and of
   * every spec deployment before the API had its own source, so those count as the files').
   */
  public static final String DEPLOYMENT_SOURCE = "baton";

  /** Deployment source of specs deployed through the API: start-up never deploys over them. */
  public static final String API_SOURCE = "baton-api";

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final String SPEC_SUFFIX = ".baton.json";

  private final RepositoryService repository;
  private final BpmnCompiler compiler;
  private final FormResources forms;
  private final ObjectMapper json;
  private final SpecChecks checks;
  private final AgentDirectory directory;
  private final EngineIdentity engine;
  private final String defaultTenant;
  private final AuditLog audit;

  WorkflowService(
      RepositoryService repository,
      BpmnCompiler compiler,
      FormResources forms,
      ObjectMapper json,
      BatonProperties properties,
      SpecChecks checks,
      AgentDirectory directory,
      EngineIdentity engine,
      AuditLog audit) {
    this.repository = repository;
    this.compiler = compiler;
    this.forms = forms;
    this.json = json;
    this.checks = checks;
    this.directory = directory;
    this.engine = engine;
    this.audit = audit;
    this.defaultTenant = properties.tenantId();
  }

  /**
   * Checks, compiles and deploys a spec. Deploying an unchanged spec creates no new version.
   *
   * @throws dev.baton.spec.InvalidSpecException listing every error of the spec (and its
   *     warnings), as {@link #check} finds them
   */
  public DeploymentResult deploy(Target target, String title, String version, JsonNode spec) {
    checkSlug(target.slug());
    checkOwner(target);
    return deploy(target, title, version, check(spec, target.tenantId()).orThrow(), API_SOURCE);
  }

  /** As {@link #deploy(Target, String, String, JsonNode)}, from JSON text (with line numbers). */
  public DeploymentResult deploy(Target target, String title, String version, String specJson) {
    checkSlug(target.slug());
    checkOwner(target);
    return deploy(target, title, version, check(specJson, target.tenantId()).orThrow(),
        API_SOURCE);
  }

  /**
   * What the start-up deployment does with a spec file of {@code processes/}: deploys it when
   * the workflow is missing or its latest version came from the files too (Camunda's duplicate
   * filter keeps an unchanged file from making a new version); never deploys over a version
   * deployed through the API, which is returned as {@link FileDeployment#keptApiVersion}.
   */
  public FileDeployment deployFile(String slug, String specJson) {
    Target target = target(Caller.system(), slug, null);
    checkSlug(slug);
    ProcessDefinition latest = repository.createProcessDefinitionQuery()
        .processDefinitionKey(slug).latestVersion().singleResult();
    if (latest != null) {
      Deployment deployment = repository.createDeploymentQuery()
          .deploymentId(latest.getDeploymentId()).singleResult();
      if (!DEPLOYMENT_SOURCE.equals(deployment.getSource())) {
        return new FileDeployment(null, toWorkflow(latest));
      }
    }
    checkOwner(target);
    return new FileDeployment(deploy(target, null, null,
        check(specJson, target.tenantId()).orThrow(), DEPLOYMENT_SOURCE), null);
  }

  /**
   * @param result what deploying the file did; null when it was not deployed
   * @param keptApiVersion the workflow's latest version, deployed through the API, that the
   *     file was not deployed over; null when the file was deployed
   */
  public record FileDeployment(DeploymentResult result, Workflow keptApiVersion) {}

  /**
   * Every problem deploying this spec in this tenant would find, without deploying it: the one
   * check pipeline ({@link SpecChecks}) that deploy, validate, the CLI and start-up share.
   */
  public SpecChecks.Report check(JsonNode spec, String tenantId) {
    return spec != null && spec.isTextual()
        ? checks.check(spec.asText(), agents(tenantId), tenantId)
        : checks.check(spec, agents(tenantId), tenantId);
  }

  /** As {@link #check(JsonNode, String)}, from JSON text. */
  public SpecChecks.Report check(String specJson, String tenantId) {
    return checks.check(specJson, agents(tenantId), tenantId);
  }

  /** The registry agents a tenant's workflows may use: its own and the shared ones. */
  private java.util.function.Supplier<List<dev.baton.registry.AgentProfile>> agents(
      String tenantId) {
    return () -> directory.availableTo(tenantId);
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

  private DeploymentResult deploy(Target target, String title, String version,
      SpecChecks.Report report, String source) {
    return deploy(target, title, version, report, source, java.util.function.UnaryOperator.identity());
  }

  /**
   * @param finish what is done to the compiled BPMN before it is deployed (the layout of an
   *     analyst's edited diagram laid over it); it may move shapes, never change the process
   */
  private DeploymentResult deploy(Target target, String title, String version,
      SpecChecks.Report report, String source, java.util.function.UnaryOperator<String> finish) {
    String slug = target.slug();
    String specText = pretty(report.tree());
    CompiledWorkflow compiled = compiler.compile(slug, title, version, report.spec(),
        report.agents(), SpecSource.of(slug, specText));
    DeploymentBuilder builder =
        repository
            .createDeployment()
            .name(slug)
            .tenantId(target.tenantId())
            .source(source)
            .enableDuplicateFiltering(false)
            .addString(compiled.resourceName(), finish.apply(compiled.bpmnXml()))
            .addString(slug + SPEC_SUFFIX, specText);
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
    return new DeploymentResult(toWorkflow(latest(slug)), changed, report.warnings(),
        report.estimate());
  }

  /**
   * Checks and deploys a spec derived from an edited BPMN ({@code dev.baton.workflow.bpmn}):
   * the same checks and compiler as any spec; {@code finish} lays the analyst's diagram over
   * the compiled BPMN. The caller has checked the target ({@link #checkTarget}).
   */
  public DeploymentResult deployDerived(Target target, String title, String version,
      JsonNode spec, java.util.function.UnaryOperator<String> finish) {
    checkTarget(target);
    return deploy(target, title, version, check(spec, target.tenantId()).orThrow(), API_SOURCE,
        finish);
  }

  /** The checks of a deployment's target: a valid slug that no other tenant owns. */
  public void checkTarget(Target target) {
    checkSlug(target.slug());
    checkOwner(target);
  }

  /**
   * One deployed version of a workflow, as an edited BPMN's base.
   *
   * @param specText the stored spec, byte for byte; null for hand-written BPMN
   */
  public record Version(int version, String specText, String title, String versionTag,
      java.util.function.Supplier<String> bpmnXml) {}

  /**
   * The versions of a workflow in a target's tenant, newest first (empty when it has none).
   * The caller has checked the target ({@link #checkTarget}), so they all belong to it.
   */
  public List<Version> versions(Target target) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(target.slug())
        .orderByProcessDefinitionVersion().desc().list().stream()
        .map(d -> {
          String name = d.getKey() + SPEC_SUFFIX;
          String spec = repository.getDeploymentResourceNames(d.getDeploymentId()).contains(name)
              ? resource(d.getDeploymentId(), name) : null;
          return new Version(d.getVersion(), spec, d.getName(), d.getVersionTag(),
              () -> resource(d.getDeploymentId(), d.getResourceName()));
        })
        .toList();
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
