package dev.baton.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.budget.CostEstimate;
import dev.baton.budget.CostFormula;
import dev.baton.governance.GovernancePolicy;
import dev.baton.governance.PolicyChecks;
import dev.baton.llm.LlmProperties;
import dev.baton.prompt.PromptFiles;
import dev.baton.prompt.PromptSource;
import dev.baton.registry.AgentProfile;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.ProblemList;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one check pipeline of a spec: what deploying it, {@code POST /api/workflows/validate},
 * {@code baton validate} and the start-up deployment of {@code processes/} all run, so each
 * reports the same problems in the same order with the same text, every one at once.
 *
 * <p>Stages, in this order: the spec itself ({@link SpecReader}: limits, JSON Schema, binding,
 * semantic checks); the models it names are in the catalogue; (valid specs) each agent task
 * gets its registry agent, its prompt (inline or template) is checked and a stored template's
 * version pinned; the model each agent task will
 * really use has its API key (a warning naming the variable); what a run can cost, against
 * {@code metadata.budget_usd}; (valid specs) the governance policy's rules, which may add
 * approval gates and the SLA ({@link PolicyChecks}). Errors come before warnings, each group in stage order. Pure
 * but for reading prompt templates: the agents and settings are given.
 */
public final class SpecChecks {

  private final SpecReader reader;
  private final LlmProperties llm;
  private final ModelKeys keys;
  private final CostFormula cost;
  private final PromptSource prompts;
  private final boolean hardCap;
  private final GovernancePolicy policy;

  /**
   * Checks against the prompt templates of a folder alone (the offline command line).
   *
   * @param environment resolves environment variables (provider keys): {@code System::getenv}
   * @param prompts the folder of prompt templates ({@code processes/prompts})
   * @param hardCap whether budgets stop runs ({@code baton.budget.enforcement})
   */
  public SpecChecks(SpecReader reader, LlmProperties llm, CostFormula cost,
      Function<String, String> environment, Path prompts, boolean hardCap) {
    this(reader, llm, cost, environment, new PromptFiles(prompts), hardCap,
        GovernancePolicy.NONE);
  }

  /**
   * @param prompts where prompt templates are found (the platform: stored, then files)
   * @param policy the governance policy's deploy rules ({@link PolicyChecks})
   */
  public SpecChecks(SpecReader reader, LlmProperties llm, CostFormula cost,
      Function<String, String> environment, PromptSource prompts, boolean hardCap,
      GovernancePolicy policy) {
    this.reader = reader;
    this.llm = llm;
    this.keys = new ModelKeys(llm, environment);
    this.cost = cost;
    this.prompts = prompts;
    this.hardCap = hardCap;
    this.policy = policy;
  }

  /**
   * Everything a check found.
   *
   * @param spec the bound spec (every agent task with its {@code agent_type}), null when there
   *     is an error
   * @param tree the spec as parsed, null when it could not be
   * @param agents the chosen registry agent per agent task
   * @param estimate what a run can cost, null when there is an error before the estimate
   */
  public record Report(WorkflowSpec spec, JsonNode tree, Map<String, String> agents,
      List<SpecProblem> problems, CostEstimate estimate) implements ProblemList {

    public Report {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return spec != null && errors().isEmpty();
    }

    /** This report, or an exception with every error (and the warnings besides). */
    public Report orThrow() {
      if (!valid()) {
        throw new dev.baton.spec.InvalidSpecException(errors().isEmpty()
            ? List.of(SpecProblem.error("$", "the spec is not valid",
                "fix the problems listed")) : errors(), warnings());
      }
      return this;
    }
  }

  /**
   * Checks JSON text (parse errors with line and column).
   *
   * @param agents the registry agents the workflow may use (read only for a valid spec)
   */
  public Report check(String json, Supplier<List<AgentProfile>> agents) {
    return check(json, agents, null);
  }

  /**
   * Checks JSON text for a workflow of a tenant, whose own prompt templates it may use.
   *
   * @param tenantId null: only the shared templates
   */
  public Report check(String json, Supplier<List<AgentProfile>> agents, String tenantId) {
    return check(reader.read(json), agents, tenantId);
  }

  /** Checks a parsed document. */
  public Report check(JsonNode tree, Supplier<List<AgentProfile>> agents) {
    return check(tree, agents, null);
  }

  /** Checks a parsed document for a workflow of a tenant. */
  public Report check(JsonNode tree, Supplier<List<AgentProfile>> agents, String tenantId) {
    return check(reader.read(tree), agents, tenantId);
  }

  private Report check(SpecReport read, Supplier<List<AgentProfile>> agents, String tenantId) {
    JsonNode tree = read.tree();
    List<SpecProblem> problems = new ArrayList<>(read.problems());
    List<SpecProblem> unknown = unknownModels(tree);
    problems.addAll(unknown);
    WorkflowSpec spec = null;
    Map<String, String> chosen = Map.of();
    CostEstimate estimate = null;
    Map<String, String> models = ownModels(tree);
    if (read.valid()) {
      DeployChecks.Bound bound = DeployChecks.check(read.spec(), tree, agents.get(), prompts,
          tenantId);
      problems.addAll(bound.problems());
      spec = bound.spec();
      if (bound.errors().isEmpty()) {
        PolicyChecks.Result governed = PolicyChecks.check(spec, tree, policy);
        problems.addAll(governed.problems());
        spec = governed.spec();
        tree = governed.tree();
      }
      chosen = bound.agents();
      models = effectiveModels(bound.estimated(), tree);
      if (bound.errors().isEmpty() && unknown.isEmpty()) {
        estimate = CostEstimate.of(bound.estimated(), cost);
        problems.addAll(budget(spec, estimate));
      }
    }
    problems.addAll(missingKeys(models));
    // errors first, each group in stage order: the same list wherever a spec is checked
    problems.sort(Comparator.comparing(p -> p.isError() ? 0 : 1));
    boolean errors = problems.stream().anyMatch(SpecProblem::isError);
    return new Report(errors ? null : spec, tree, errors ? Map.of() : chosen, problems,
        estimate);
  }

  /** The config fields that name a catalogue model. */
  private static final List<String> MODEL_KEYS = List.of("model", "fallback_model");

  /** Agent tasks naming a model the catalogue lacks; read from the document, valid or not. */
  private List<SpecProblem> unknownModels(JsonNode tree) {
    Set<String> known = new TreeSet<>(llm.models().keySet());
    List<SpecProblem> problems = new ArrayList<>();
    if (known.isEmpty()) {
      return problems;
    }
    ownModels(tree).forEach((path, model) -> {
      if (!known.contains(model)) {
        problems.add(SpecProblem.error(path, "unknown model '" + model + "'",
            "use one of the catalogue's models (" + String.join(", ", known)
                + ") or add it under baton.llm.models"));
      }
    });
    return problems;
  }

  /**
   * The models each agent task names itself ({@code config.model} and {@code
   * config.fallback_model}), by the field's path, from the document.
   */
  private static Map<String, String> ownModels(JsonNode tree) {
    Map<String, String> models = new LinkedHashMap<>();
    JsonNode nodes = tree == null ? null : tree.get("nodes");
    if (nodes == null || !nodes.isArray()) {
      return models;
    }
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      if (!"agent_task".equals(node.path("type").asText())) {
        continue;
      }
      for (String key : MODEL_KEYS) {
        JsonNode model = node.path("config").get(key);
        if (model != null && model.isTextual() && !model.asText().isBlank()) {
          models.put("$.nodes[" + i + "].config." + key, model.asText());
        }
      }
    }
    return models;
  }

  /**
   * The models each agent task will really call, by path: the one it uses (node, then agent,
   * then default) and its fallback model.
   */
  private Map<String, String> effectiveModels(WorkflowSpec estimated, JsonNode tree) {
    Map<String, Integer> index = new LinkedHashMap<>();
    JsonNode nodes = tree == null ? null : tree.path("nodes");
    for (int i = 0; nodes != null && i < nodes.size(); i++) {
      index.putIfAbsent(nodes.get(i).path("id").asText(), i);
    }
    Map<String, String> models = new LinkedHashMap<>();
    for (int i = 0; i < estimated.nodes().size(); i++) {
      NodeSpec node = estimated.nodes().get(i);
      if (node.type() == NodeType.AGENT_TASK) {
        models.put("$.nodes[" + index.getOrDefault(node.id(), i) + "].config.model",
            cost.model(node.config()));
      }
    }
    // a fallback model is called when the first is out: its key matters as much
    ownModels(tree).forEach((path, model) -> {
      if (path.endsWith(".fallback_model")) {
        models.put(path, model);
      }
    });
    return models;
  }

  /** A warning per agent task whose model's API key variable is not set. */
  private List<SpecProblem> missingKeys(Map<String, String> models) {
    List<SpecProblem> problems = new ArrayList<>();
    models.forEach((path, model) -> keys.missing(model).ifPresent(variable ->
        problems.add(SpecProblem.warning(path, "model '" + model
                + "' needs an API key in the environment variable " + variable
                + ", which is not set: this node fails at run time until it is",
            "set " + variable + " where Baton runs and restart it, or choose another model"))));
    return problems;
  }

  /**
   * Refuses a spec whose cheapest run exceeds its hard budget (unless an approver may raise it:
   * {@code budget_override}); warns when only the worst case does. Specs without {@code
   * metadata.budget_usd} are not checked: the default budget is the installation's, not the
   * spec's.
   */
  private List<SpecProblem> budget(WorkflowSpec spec, CostEstimate estimate) {
    BigDecimal limit = spec.metadata() == null ? null : spec.metadata().budgetUsd();
    if (limit == null) {
      return List.of();
    }
    boolean raisable = spec.metadata().budgetOverride() != null;
    if (hardCap && !raisable && estimate.minimumUsd().compareTo(limit) > 0) {
      return List.of(SpecProblem.error("$.metadata.budget_usd", "the cheapest possible run costs $"
              + apart(estimate.minimumUsd(), limit) + " but the budget is $"
              + apart(limit, estimate.minimumUsd()),
          "raise metadata.budget_usd or lower max_tokens"));
    }
    if (estimate.worstCaseTotalUsd().compareTo(limit) > 0) {
      return List.of(SpecProblem.warning("$.metadata.budget_usd",
          "a run can cost up to $" + CostEstimate.usd(estimate.worstCaseTotalUsd())
              + " (every agent task at its max_tokens, loops at max_iterations) but the budget "
              + "is $" + CostEstimate.usd(limit) + "; the cheapest run costs $"
              + CostEstimate.usd(estimate.minimumUsd()),
          hardCap
              ? "a run that reaches the budget is stopped; raise metadata.budget_usd or lower "
                  + "max_tokens if every run should finish"
              : "under soft_cap enforcement a run past its budget only alerts"));
    }
    return List.of();
  }

  /** Four decimals, or as many more as it takes to tell the two amounts apart. */
  private static String apart(BigDecimal amount, BigDecimal other) {
    int scale = 4;
    while (scale < 12 && amount.setScale(scale, java.math.RoundingMode.HALF_UP)
        .compareTo(other.setScale(scale, java.math.RoundingMode.HALF_UP)) == 0) {
      scale++;
    }
    return amount.setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
