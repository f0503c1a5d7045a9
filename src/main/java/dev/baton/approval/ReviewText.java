package dev.baton.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.budget.CostEstimate;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Markdown an approver reads in the Tasklist form: what the gate is, where the run stands
 * on its budget, and what the nodes before the gate produced, rendered as text and lists rather
 * than raw JSON.
 */
final class ReviewText {

  private static final int MAX_TEXT = 4000;
  private static final int MAX_DEPTH = 3;

  /** An earlier node's output as the run holds it ({@code {"output": …, "model": …}}). */
  record Upstream(String id, String name, JsonNode value) {}

  private ReviewText() {}

  /**
   * @param input the run's input, what the work is for ({@code null} when it has none)
   * @param next what the run does next if the gate is approved ({@link NextSteps})
   */
  static String render(String gateName, String workflowName, String runId, String startedBy,
      Double spentUsd, Double budgetUsd, JsonNode input, Collection<String> next,
      List<Upstream> upstream) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(gateName).append("\n\n");
    md.append("Workflow **").append(workflowName).append("** · run `").append(runId).append('`');
    if (startedBy != null) {
      md.append(" · started by ").append(startedBy);
    }
    md.append("\n\n");
    md.append("**Cost so far:** ").append(money(spentUsd == null ? 0 : spentUsd));
    md.append(budgetUsd == null ? " (no budget set)" : " of " + money(budgetUsd) + " budget");
    md.append("\n\n");
    input(md, input);
    if (!next.isEmpty()) {
      md.append("**If you approve, next:** ").append(String.join("; ", next)).append("\n\n");
    }
    for (Upstream node : upstream) {
      md.append("#### ").append(node.name()).append("\n\n");
      JsonNode value = node.value();
      if (value == null || value.isMissingNode() || value.isNull()) {
        md.append("_no output_\n\n");
        continue;
      }
      if (value.hasNonNull("error")) {
        md.append("**Failed:** ").append(clip(value.get("error").asText())).append("\n\n");
        continue;
      }
      JsonNode output = value.has("output") ? value.get("output") : value;
      block(md, output, 0);
      if (value.has("model")) {
        md.append("\n_").append(value.get("model").asText());
        JsonNode usage = value.path("usage");
        if (usage.has("input_tokens")) {
          md.append(" · ").append(usage.path("input_tokens").asInt()).append(" tokens in, ")
              .append(usage.path("output_tokens").asInt()).append(" out");
        }
        md.append("_\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** The run's input as a section, what the work is for; nothing when it has none. */
  static void input(StringBuilder md, JsonNode input) {
    if (input != null && !input.isMissingNode() && !input.isNull()
        && !(input.isContainerNode() && input.isEmpty())) {
      md.append("#### The run's input\n\n");
      block(md, input, 0);
      md.append('\n');
    }
  }

  private static void block(StringBuilder md, JsonNode value, int depth) {
    if (value.isValueNode()) {
      md.append(clip(value.asText())).append('\n');
    } else {
      list(md, value, depth);
    }
  }

  private static void list(StringBuilder md, JsonNode value, int depth) {
    String indent = "  ".repeat(depth);
    if (value.isArray()) {
      for (JsonNode item : value) {
        md.append(indent).append("- ");
        item(md, item, depth);
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      md.append(indent).append("- **").append(humanise(field.getKey())).append(":** ");
      item(md, field.getValue(), depth);
    }
  }

  private static void item(StringBuilder md, JsonNode value, int depth) {
    if (value.isValueNode()) {
      md.append(clip(value.asText()).replace("\n", " ")).append('\n');
    } else if (depth + 1 >= MAX_DEPTH) {
      md.append('`').append(clip(value.toString())).append("`\n");
    } else {
      md.append('\n');
      list(md, value, depth + 1);
    }
  }

  private static String humanise(String key) {
    String words = key.replace('_', ' ');
    return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String clip(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + " …" : text;
  }

  private static String money(double usd) {
    return "$" + CostEstimate.usd(BigDecimal.valueOf(usd));
  }
}
