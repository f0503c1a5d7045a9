package dev.baton.tool.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;
import dev.baton.limits.RequestLimits;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.problem.UnprocessableException;
import dev.baton.run.ChildRunRefusedException;
import dev.baton.run.ChildRuns;
import dev.baton.run.RunService;
import dev.baton.run.RunStatus;
import dev.baton.security.BatonRole;
import dev.baton.security.Caller;
import dev.baton.security.UserCallers;
import dev.baton.spec.InvalidSpecException;
import dev.baton.spec.SpecProblem;
import dev.baton.template.Template;
import dev.baton.template.TemplateParameter;
import dev.baton.template.TemplateService;
import dev.baton.tool.BuiltinTool;
import dev.baton.tool.ToolContext;
import dev.baton.workflow.DeploymentResult;
import dev.baton.workflow.Workflow;
import dev.baton.workflow.WorkflowService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code meta} tool ({@code connectors/meta.json}). The gate has checked the agent's scope
 * for the operation; this checks the other half of the rule: the person who started the run
 * (Camunda's start user) must hold the Baton role the same action needs through {@code /api}
 * (author to deploy, runner to start, viewer to read), and everything happens in the run's
 * tenant. A run Baton itself started has no such person, so its agents get no meta-tools.
 */
@Component
class MetaTool implements BuiltinTool {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TemplateService templates;
  private final WorkflowService workflows;
  private final ChildRuns children;
  private final RunService runs;
  private final UserCallers users;
  private final Environment env;
  private final RequestLimits limits;

  MetaTool(TemplateService templates, WorkflowService workflows, ChildRuns children,
      RunService runs, UserCallers users, Environment env, RequestLimits limits) {
    this.limits = limits;
    this.templates = templates;
    this.workflows = workflows;
    this.children = children;
    this.runs = runs;
    this.users = users;
    this.env = env;
  }

  @Override
  public String name() {
    return "meta";
  }

  @Override
  public Reply call(String operation, JsonNode args, ToolContext context) {
    try {
      return switch (operation) {
        case "list_templates" -> listTemplates();
        case "list_workflows" -> listWorkflows(context);
        case "create_workflow" -> createWorkflow(args, context);
        case "start_run" -> startRun(args, context);
        case "get_run_status" -> runStatus(args, context);
        default -> throw new ConnectorException(Kind.BAD_ARGUMENTS, "meta has no operation '"
            + operation + "'", null);
      };
    } catch (InvalidSpecException e) {
      // the model reads every error with its JSON path, and can correct its spec
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "the workflow was not created: "
          + e.getMessage(), 422);
    } catch (ForbiddenException | AuthorizationException | ChildRunRefusedException e) {
      throw new ConnectorException(Kind.REFUSED, e.getMessage().startsWith("refused")
          ? e.getMessage() : "refused: " + e.getMessage(), null);
    } catch (BadRequestException | NotFoundException | ConflictException
        | UnprocessableException e) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, e.getMessage(), null);
    }
  }

  private Reply listTemplates() {
    ArrayNode list = JSON.createArrayNode();
    for (Template t : templates.list()) {
      ObjectNode item = list.addObject().put("id", t.id()).put("title", t.title())
          .put("description", t.description());
      ArrayNode parameters = item.putArray("parameters");
      for (TemplateParameter p : t.parameters()) {
        ObjectNode param = parameters.addObject().put("name", p.name()).put("type", p.type())
            .put("description", p.description()).put("required", p.defaultValue() == null);
        if (p.defaultValue() != null) {
          param.set("default", p.defaultValue());
        }
        if (!p.allowed().isEmpty()) {
          p.allowed().forEach(param.putArray("allowed")::add);
        }
      }
    }
    return new Reply(null, JSON.createObjectNode().set("templates", list));
  }

  private Reply listWorkflows(ToolContext context) {
    Caller starter = starter(context, BatonRole.VIEWER, "read workflows");
    ArrayNode list = JSON.createArrayNode();
    for (Workflow w : workflows.list(starter)) {
      if (Objects.equals(w.tenantId(), context.tenantId())) {
        list.addObject().put("id", w.id()).put("title", w.title())
            .put("version", w.version()).put("deployment_version", w.deploymentVersion());
      }
    }
    return new Reply(null, JSON.createObjectNode().set("workflows", list));
  }

  private Reply createWorkflow(JsonNode args, ToolContext context) {
    Caller starter = starter(context, BatonRole.AUTHOR, "create workflows");
    String slug = BuiltinTool.requiredText(args, "workflow_id");
    String title = args.path("title").isTextual() ? args.path("title").asText() : null;
    limits.name("$.title", title); // the limits of POST /api/workflows
    DeploymentResult result;
    if (args.hasNonNull("template")) {
      JsonNode parameters = args.path("parameters").isObject() ? args.path("parameters")
          : JSON.createObjectNode();
      result = templates.create(starter, BuiltinTool.requiredText(args, "template"), slug,
          context.tenantId(), title, null, parameters);
    } else if (args.path("spec").isObject()) {
      result = workflows.deploy(workflows.target(starter, slug, context.tenantId()), title,
          null, args.path("spec"));
    } else if (args.path("spec").isTextual()) {
      result = workflows.deploy(workflows.target(starter, slug, context.tenantId()), title,
          null, args.path("spec").asText());
    } else {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "give either 'template' (an id from "
          + "list_templates, with 'parameters') or 'spec' (a workflow spec object)", null);
    }
    ObjectNode out = JSON.createObjectNode().put("workflow_id", result.workflow().id())
        .put("deployment_version", result.workflow().deploymentVersion())
        .put("changed", result.changed());
    ArrayNode warnings = out.putArray("warnings");
    for (SpecProblem w : result.warnings()) {
      warnings.addObject().put("path", w.path()).put("message", w.message());
    }
    return new Reply(null, out);
  }

  private Reply startRun(JsonNode args, ToolContext context) {
    Caller starter = starter(context, BatonRole.RUNNER, "start runs");
    String workflowId = BuiltinTool.requiredText(args, "workflow_id");
    JsonNode input = args.path("input");
    if (!input.isMissingNode() && !input.isNull() && !input.isObject()) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "input must be a JSON object", null);
    }
    limits.runInput(input.isObject() ? input : null); // the limits of POST …/runs
    // only this tenant's workflows (a starter in several tenants reaches no other from here)
    String tenant = workflows.latest(starter, workflowId).getTenantId();
    if (!Objects.equals(tenant, context.tenantId())) {
      throw new ConnectorException(Kind.REFUSED, "refused: workflow '" + workflowId
          + "' is not of this run's tenant", null);
    }
    ChildRuns.Parent parent = new ChildRuns.Parent(context.runId(), context.nodeId(),
        context.taskId(), requestKey(context, workflowId, input, args.path("key").asText("")));
    ChildRuns.Child child = children.start(starter, parent, workflowId,
        input.isObject() ? input : null, MetaSettings.limits(env));
    return new Reply(null, JSON.createObjectNode().put("run_id", child.runId())
        .put("workflow_id", child.workflowId()).put("depth", child.depth())
        .put("already_started", child.alreadyStarted())
        .put("status", child.alreadyStarted() ? "started earlier" : "queued"));
  }

  private Reply runStatus(JsonNode args, ToolContext context) {
    String runId = BuiltinTool.requiredText(args, "run_id");
    if (!children.parentOf(runId).map(context.runId()::equals).orElse(false)) {
      throw new ConnectorException(Kind.REFUSED, "refused: run '" + runId + "' was not "
          + "started by this run; get_run_status reads only this run's children", null);
    }
    Caller starter = starter(context, BatonRole.VIEWER, "read runs");
    RunStatus status = runs.status(starter, runId);
    ObjectNode out = JSON.createObjectNode().put("run_id", status.id())
        .put("workflow_id", status.workflowId()).put("status", status.status())
        .put("reason", status.reason());
    out.put("spent_usd", status.spentWithChildrenUsd());
    out.put("budget_usd", status.budgetUsd());
    ArrayNode nodes = out.putArray("nodes");
    for (RunStatus.NodeStatus n : status.nodes()) {
      ObjectNode node = nodes.addObject().put("id", n.id()).put("status", n.status());
      if (n.output() != null && !n.output().isNull()) {
        node.set("output", n.output());
      }
      if (n.error() != null) {
        node.put("error", n.error());
      }
    }
    return new Reply(null, out);
  }

  /**
   * The person who started the run, as a caller, holding {@code role}.
   *
   * @throws ConnectorException REFUSED otherwise: an agent never gains a right its run's
   *     starter lacks
   */
  private Caller starter(ToolContext context, BatonRole role, String what) {
    String userId = context.runId() == null ? null : children.starterOf(context.runId());
    Caller caller = users.of(userId).orElseThrow(() -> new ConnectorException(Kind.REFUSED,
        "refused: this run has no person who started it" + (userId == null ? ""
            : " (user '" + userId + "' no longer exists)")
            + "; meta-tools act only with the rights of a run's starter", null));
    if (!caller.has(role)) {
      throw new ConnectorException(Kind.REFUSED, "refused: to " + what + " the person who "
          + "started this run ('" + caller.userId() + "') needs the " + role.name()
          .toLowerCase() + " role (group '" + role.groupId() + "'); agents act with their "
          + "rights, never more", null);
    }
    return caller;
  }

  /**
   * The same for a replay of this request (the task worked again after a crash), so that
   * {@link ChildRuns} returns the child it started instead of starting another: the task, the
   * workflow, the input and the optional key the model gave.
   */
  static String requestKey(ToolContext context, String workflowId, JsonNode input, String key) {
    String task = context.taskId() != null ? context.taskId()
        : context.runId() + "/" + context.nodeId();
    String text = String.join("\n", task, workflowId,
        input == null || input.isMissingNode() || input.isNull() ? "{}" : input.toString(), key);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
