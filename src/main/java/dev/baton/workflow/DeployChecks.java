package dev.baton.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.prompt.PromptFiles;
import dev.baton.prompt.PromptSource;
import dev.baton.registry.AgentMatcher;
import dev.baton.registry.AgentProfile;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.WorkflowSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage of {@link SpecChecks} that needs the installation's agents and prompts, run once
 * the spec itself is valid: each agent task gets its agent from the registry, and its prompt
 * is checked against the stored templates and {@code processes/prompts/}. The compiler stays
 * pure: it receives the chosen agents and the pinned prompt versions, it does not look them up.
 */
final class DeployChecks {

  /**
   * @param spec the spec with every agent task's {@code agent_type} filled in (a node may name
   *     only capabilities or an agent)
   * @param agents the chosen agent's slug per agent task
   * @param problems errors (the spec is refused) and warnings
   * @param estimated the spec with each agent's config under its nodes' (model, max_tokens):
   *     what a run will use, for the cost estimate only (the BPMN keeps the node's own config,
   *     so later changes to the agent apply)
   */
  record Bound(WorkflowSpec spec, Map<String, String> agents, List<SpecProblem> problems,
      WorkflowSpec estimated) {

    Bound(WorkflowSpec spec, Map<String, String> agents, List<SpecProblem> problems) {
      this(spec, agents, problems, spec);
    }

    List<SpecProblem> errors() {
      return problems.stream().filter(SpecProblem::isError).toList();
    }
  }

  private DeployChecks() {}

  /** The checks against given agents and a prompts folder (pure but for reading templates). */
  static Bound check(WorkflowSpec spec, JsonNode tree, List<AgentProfile> agents, Path prompts) {
    return check(spec, tree, agents, new PromptFiles(prompts), null);
  }

  /**
   * The checks against given agents and templates, for a workflow of this tenant. Each agent
   * task whose template was found stored gets that version pinned in its config ({@code
   * prompt_version}), so the compiled workflow renders the text it was checked against.
   */
  static Bound check(WorkflowSpec spec, JsonNode tree, List<AgentProfile> agents,
      PromptSource prompts, String tenantId) {
    Map<String, Integer> index = new LinkedHashMap<>();
    JsonNode nodes = tree == null ? null : tree.path("nodes");
    for (int i = 0; nodes != null && i < nodes.size(); i++) {
      index.putIfAbsent(nodes.get(i).path("id").asText(), i);
    }
    java.util.function.Function<String, String> path = id -> "$.nodes["
        + index.getOrDefault(id, spec.nodes().indexOf(spec.node(id).orElseThrow())) + "]";
    Bound bound = bind(spec, agents, path);
    List<SpecProblem> problems = new ArrayList<>(bound.problems());
    PromptReferences.Result prompted = new PromptReferences(prompts, tenantId)
        .check(bound.spec(), path);
    problems.addAll(prompted.problems());
    return new Bound(pin(bound.spec(), prompted.pins()), bound.agents(), problems,
        bound.estimated());
  }

  /** The spec with {@code config.prompt_version} set on each node that has a pinned version. */
  private static WorkflowSpec pin(WorkflowSpec spec, Map<String, Integer> pins) {
    if (pins.isEmpty()) {
      return spec;
    }
    List<NodeSpec> nodes = new ArrayList<>();
    for (NodeSpec node : spec.nodes()) {
      Integer version = pins.get(node.id());
      if (version == null) {
        nodes.add(node);
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode config = node.config().deepCopy();
      config.put("prompt_version", version);
      nodes.add(node.withConfig(config));
    }
    return new WorkflowSpec(spec.metadata(), nodes, spec.edges());
  }

  /** Matches every agent task against the registry (pure: the profiles are given). */
  static Bound bind(WorkflowSpec spec, List<AgentProfile> profiles,
      java.util.function.Function<String, String> path) {
    Map<String, String> chosen = new LinkedHashMap<>();
    List<SpecProblem> problems = new ArrayList<>();
    List<NodeSpec> nodes = new ArrayList<>();
    List<NodeSpec> estimated = new ArrayList<>();
    for (NodeSpec node : spec.nodes()) {
      if (node.type() != NodeType.AGENT_TASK) {
        nodes.add(node);
        estimated.add(node);
        continue;
      }
      AgentMatcher.Requirement need = new AgentMatcher.Requirement(node.id(), node.agentType(),
          node.configList("capabilities"), node.configText("agent").orElse(null),
          node.configList("tools"));
      AgentMatcher.Result result = AgentMatcher.match(need, profiles);
      if (result instanceof AgentMatcher.Match match) {
        chosen.put(node.id(), match.agent().slug());
        // the description stays with the node: it becomes the task's <documentation>
        NodeSpec typed = node.agentType() != null ? node
            : node.withAgentType(match.agent().type());
        nodes.add(typed);
        estimated.add(typed.withConfig(
            dev.baton.budget.AgentConfigs.merge(match.agent().config(), node.config())));
      } else if (result instanceof AgentMatcher.NoMatch none) {
        problems.add(SpecProblem.error(path.apply(node.id()) + "." + none.field(),
            "agent_task '" + node.id() + "': " + none.message(), none.hint()));
        nodes.add(node);
        estimated.add(node);
      }
    }
    return new Bound(new WorkflowSpec(spec.metadata(), nodes, spec.edges()), chosen, problems,
        new WorkflowSpec(spec.metadata(), estimated, spec.edges()));
  }
}
