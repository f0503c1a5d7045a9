package dev.baton.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.prompt.Placeholders;
import dev.baton.prompt.PromptNames;
import dev.baton.prompt.PromptSource;
import dev.baton.prompt.PromptText;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.WorkflowGraph;
import dev.baton.spec.WorkflowSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Checks at deploy time what can be checked of a node's prompt: an inline {@code
 * config.prompt}, or the template {@code config.prompt_template} names, which must exist (stored
 * through {@code /api/prompts} for the workflow's tenant, or a file in {@code
 * processes/prompts/}; {@code config.prompt_version} asks for one version). Each placeholder
 * without a default must name the run input ({@code {{input.task}}}), the run's priority, or a
 * node that runs before this one ({@code {{plan.output}}}, {@code {{context.plan.output}}}).
 * What only the run can tell (a field the input lacks, a branch not taken) fails the node at run
 * time with the variable's name. The stored version checked is the one the workflow pins.
 */
final class PromptReferences {

  private static final Set<String> RUN_VARIABLES = Set.of("input", "priority");

  /**
   * @param problems errors and warnings
   * @param pins per agent task, the stored template version its prompt was checked against
   */
  record Result(List<SpecProblem> problems, Map<String, Integer> pins) {}

  private final PromptSource templates;
  private final String tenantId;

  /**
   * @param templates where templates are looked up
   * @param tenantId the tenant the workflow would belong to (null: shared templates only)
   */
  PromptReferences(PromptSource templates, String tenantId) {
    this.templates = templates;
    this.tenantId = tenantId;
  }

  Result check(WorkflowSpec spec, Function<String, String> nodePath) {
    List<SpecProblem> problems = new ArrayList<>();
    Map<String, Integer> pins = new LinkedHashMap<>();
    WorkflowGraph graph = new WorkflowGraph(spec);
    for (NodeSpec node : spec.nodes()) {
      if (node.type() != NodeType.AGENT_TASK) {
        continue;
      }
      JsonNode inline = node.config().get("prompt");
      JsonNode name = node.config().get("prompt_template");
      if (inline != null && inline.isTextual()) {
        placeholders(spec, graph, node, inline.asText(), nodePath.apply(node.id())
            + ".config.prompt", "the prompt", problems);
        continue;
      }
      if (name == null || !name.isTextual()) {
        continue;
      }
      String path = nodePath.apply(node.id()) + ".config.prompt_template";
      String template = PromptNames.bare(name.asText());
      if (!PromptNames.valid(template)) {
        problems.add(SpecProblem.error(path, "prompt_template '" + name.asText()
                + "' is not a template name",
            PromptNames.rule() + ", e.g. 'plan_project' (a file in processes/prompts/ or a "
                + "template stored through /api/prompts)"));
        continue;
      }
      JsonNode asked = node.config().get("prompt_version");
      Integer version = asked != null && asked.canConvertToExactIntegral() ? asked.asInt() : null;
      Optional<PromptText> text = templates.find(template, version, tenantId);
      if (text.isEmpty()) {
        problems.add(notFound(node, path, template, version));
        continue;
      }
      if (text.get().version() != null) {
        pins.put(node.id(), text.get().version());
      }
      placeholders(spec, graph, node, text.get().text(), path, "template '" + template + "'",
          problems);
    }
    return new Result(problems, pins);
  }

  private SpecProblem notFound(NodeSpec node, String path, String template, Integer version) {
    if (version != null) {
      Optional<PromptText> latest = templates.find(template, null, tenantId);
      if (latest.isPresent()) {
        return SpecProblem.error(path.replace(".prompt_template", ".prompt_version"),
            "prompt template '" + template + "' has no version " + version
                + (latest.get().version() == null ? " (it is only a file, which has none)"
                    : "; its latest is " + latest.get().version()),
            "name an existing version (GET /api/prompts/" + template + " lists them), or leave "
                + "prompt_version out to use the latest");
      }
    }
    List<String> available = templates.names(tenantId);
    return SpecProblem.error(path, "prompt template '" + template + "' of node '" + node.id()
            + "' not found: it is neither stored (GET /api/prompts) nor a file "
            + "processes/prompts/" + template + ".md",
        "create it (PUT /api/prompts/" + template + ", or the file), write the prompt inline "
            + "in config.prompt" + (available.isEmpty() ? ""
                : ", or use one of: " + String.join(", ", available)));
  }

  private static void placeholders(WorkflowSpec spec, WorkflowGraph graph, NodeSpec node,
      String text, String path, String what, List<SpecProblem> problems) {
    Set<String> before = graph.ancestors(node.id());
    Matcher m = Placeholders.PATTERN.matcher(text);
    Set<String> reported = new LinkedHashSet<>();
    while (m.find()) {
      String variable = m.group(1);
      boolean hasDefault = m.group(2) != null;
      String bare = variable.startsWith("context.")
          ? variable.substring("context.".length()) : variable;
      String root = bare.split("\\.", -1)[0];
      if (RUN_VARIABLES.contains(root) || !reported.add(root)) {
        continue;
      }
      if (spec.node(root).isPresent()) {
        if (!before.contains(root) && !hasDefault) {
          problems.add(SpecProblem.error(path, what + " uses {{" + variable
                  + "}}, but node '" + root + "' does not run before '" + node.id() + "'",
              "make '" + node.id() + "' depend on '" + root + "', or give a default: {{"
                  + variable + "|none}}"));
        }
      } else {
        List<String> roots = new ArrayList<>(RUN_VARIABLES);
        spec.nodes().forEach(n -> roots.add(n.id()));
        String message = what + " uses {{" + variable + "}}, but '" + root
            + "' is neither the run input nor a node of this workflow"
            + dev.baton.spec.DidYouMean.suffix(root, roots);
        String hint = "start the name with 'input.' (the run input) or the id of an earlier "
            + "node, e.g. {{plan.output}}";
        problems.add(hasDefault ? SpecProblem.warning(path, message, hint)
            : SpecProblem.error(path, message, hint));
      }
    }
  }
}
