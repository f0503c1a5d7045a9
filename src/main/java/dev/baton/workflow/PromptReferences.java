package dev.baton.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.WorkflowGraph;
import dev.baton.spec.WorkflowSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks at deploy time what can be checked of a node's prompt template: the file exists in
 * {@code processes/prompts/}, and each placeholder without a default names the run input
 * ({@code {{input.task}}}), the run's priority, or a node that runs before this one ({@code
 * {{plan.output}}}, {@code {{context.plan.output}}}). What only the run can tell (a field the
 * input lacks, a branch not taken) fails the node at run time with the variable's name.
 */
final class PromptReferences {

  /** As the worker's renderer: {@code {{name}}} or {@code {{name|default}}}. */
  static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|([^}]*))?}}");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Set<String> RUN_VARIABLES = Set.of("input", "priority");

  private final Function<String, Optional<String>> templates;
  private final List<String> available;

  /**
   * @param templates reads a template by file name ({@code plan_project.md})
   * @param available the template names there are, for hints
   */
  PromptReferences(Function<String, Optional<String>> templates, List<String> available) {
    this.templates = templates;
    this.available = available;
  }

  List<SpecProblem> check(WorkflowSpec spec, Function<String, String> nodePath) {
    List<SpecProblem> problems = new ArrayList<>();
    WorkflowGraph graph = new WorkflowGraph(spec);
    for (NodeSpec node : spec.nodes()) {
      JsonNode name = node.config().get("prompt_template");
      if (node.type() != NodeType.AGENT_TASK || name == null || !name.isTextual()) {
        continue;
      }
      String path = nodePath.apply(node.id()) + ".config.prompt_template";
      String template = name.asText();
      if (!TEMPLATE_NAME.matcher(template).matches()) {
        problems.add(SpecProblem.error(path, "prompt_template '" + template
            + "' is not a file name", "name a file in processes/prompts/, e.g. 'plan_project'"));
        continue;
      }
      String file = template.endsWith(".md") ? template : template + ".md";
      Optional<String> text = templates.apply(file);
      if (text.isEmpty()) {
        problems.add(SpecProblem.error(path, "prompt template '" + template + "' of node '"
                + node.id() + "' not found (expected processes/prompts/" + file + ")",
            "create the file, or use one of: " + String.join(", ", available)));
        continue;
      }
      Set<String> before = graph.ancestors(node.id());
      Matcher m = PLACEHOLDER.matcher(text.get());
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
            problems.add(SpecProblem.error(path, "template '" + file + "' uses {{" + variable
                    + "}}, but node '" + root + "' does not run before '" + node.id() + "'",
                "make '" + node.id() + "' depend on '" + root + "', or give a default: {{"
                    + variable + "|none}}"));
          }
        } else {
          List<String> roots = new ArrayList<>(RUN_VARIABLES);
          spec.nodes().forEach(n -> roots.add(n.id()));
          String message = "template '" + file + "' uses {{" + variable + "}}, but '" + root
              + "' is neither the run input nor a node of this workflow"
              + dev.baton.spec.DidYouMean.suffix(root, roots);
          String hint = "start the name with 'input.' (the run input) or the id of an earlier "
              + "node, e.g. {{plan.output}}";
          problems.add(hasDefault ? SpecProblem.warning(path, message, hint)
              : SpecProblem.error(path, message, hint));
        }
      }
    }
    return problems;
  }
}
