package dev.baton.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.registry.AgentMatcher;
import dev.baton.registry.AgentProfile;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.WorkflowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stage of {@link SpecChecks} that needs the installation's agents and prompts, run once
 * the spec itself is valid: each agent task gets its agent from the registry, and its prompt
 * template is checked against {@code processes/prompts/}. The compiler stays pure: it receives
 * the chosen agents, it does not look them up.
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
    Map<String, Integer> index = new LinkedHashMap<>();
    JsonNode nodes = tree == null ? null : tree.path("nodes");
    for (int i = 0; nodes != null && i < nodes.size(); i++) {
      index.putIfAbsent(nodes.get(i).path("id").asText(), i);
    }
    java.util.function.Function<String, String> path = id -> "$.nodes["
        + index.getOrDefault(id, spec.nodes().indexOf(spec.node(id).orElseThrow())) + "]";
    Bound bound = bind(spec, agents, path);
    List<SpecProblem> problems = new ArrayList<>(bound.problems());
    problems.addAll(new PromptReferences(file -> template(prompts, file), templateNames(prompts))
        .check(bound.spec(), path));
    return new Bound(bound.spec(), bound.agents(), problems, bound.estimated());
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
        NodeSpec typed = node.agentType() != null ? node : new NodeSpec(node.id(), node.type(),
            node.name(), match.agent().type(), node.config(), node.timeoutMs(),
            node.dependencies());
        nodes.add(typed);
        estimated.add(new NodeSpec(typed.id(), typed.type(), typed.name(), typed.agentType(),
            dev.baton.budget.AgentConfigs.merge(match.agent().config(), node.config()),
            typed.timeoutMs(), typed.dependencies()));
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

  private static Optional<String> template(Path prompts, String file) {
    Path path = prompts.resolve(file);
    if (!path.normalize().startsWith(prompts.normalize()) || !Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> templateNames(Path prompts) {
    if (!Files.isDirectory(prompts)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(prompts)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".md")).map(n -> n.substring(0, n.length() - 3)).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
