package dev.baton.workflow;

import dev.baton.llm.ModelCatalogue;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deploy-time check that every agent task's {@code config.model} is in the model catalogue
 * ({@code baton.llm.models}), so that a misspelt model is refused with its JSON path rather
 * than failing the node at run time. Keys are not checked here: a model whose key is missing
 * fails when it is first called, so that specs deploy on machines without keys.
 */
final class ModelReferences {

  private ModelReferences() {}

  static List<SpecProblem> check(WorkflowSpec spec, ModelCatalogue catalogue) {
    Set<String> known = catalogue.names();
    List<SpecProblem> problems = new ArrayList<>();
    if (known.isEmpty() || spec.nodes() == null) {
      return problems;
    }
    for (int i = 0; i < spec.nodes().size(); i++) {
      NodeSpec node = spec.nodes().get(i);
      if (node.type() != NodeType.AGENT_TASK) {
        continue;
      }
      int index = i;
      for (String key : List.of("model", "fallback_model")) {
        node.configText(key).filter(m -> !m.isBlank() && !known.contains(m)).ifPresent(m ->
            problems.add(SpecProblem.error("$.nodes[" + index + "].config." + key,
                "unknown model '" + m + "'",
                "use one of the catalogue's models (" + String.join(", ", known)
                    + ") or add it under baton.llm.models")));
      }
    }
    return problems;
  }
}
