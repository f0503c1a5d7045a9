package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@link SpecLimits}, checked before anything else looks at a spec. {@link #structure}
 * (size, depth, how many nodes and links) is cheap and decides whether the rest may run at
 * all; {@link #values} walks every value once: string lengths and characters, numbers that are
 * not finite, and the upper bounds of Baton's numeric settings (lower bounds are the schema's).
 */
final class LimitsCheck {

  private final SpecLimits limits;

  LimitsCheck(SpecLimits limits) {
    this.limits = limits;
  }

  /** Size, nesting, node and link counts. Any problem here means: look no further. */
  List<SpecProblem> structure(JsonNode root, long knownBytes) {
    List<SpecProblem> problems = new ArrayList<>();
    long bytes = knownBytes >= 0 ? knownBytes : bytes(root, limits.maxSpecBytes());
    if (bytes > limits.maxSpecBytes()) {
      problems.add(SpecProblem.error(JsonPaths.ROOT,
          "the spec is " + (knownBytes >= 0 ? bytes + " bytes" : "over " + limits.maxSpecBytes()
              + " bytes") + "; the limit is " + limits.maxSpecBytes(),
          "split the workflow, move long texts into prompt templates, or raise "
              + "baton.limits.max-spec-bytes"));
      return problems;
    }
    int depth = depth(root);
    if (depth > limits.maxDepth()) {
      problems.add(SpecProblem.error(JsonPaths.ROOT,
          "the spec nests objects and arrays deeper than " + limits.maxDepth() + " levels",
          "flatten it, or raise baton.limits.max-depth"));
    }
    JsonNode nodes = root.path("nodes");
    if (nodes.isArray() && nodes.size() > limits.maxNodes()) {
      problems.add(SpecProblem.error("$.nodes", "the spec has " + nodes.size()
              + " nodes; the limit is " + limits.maxNodes(),
          "split the workflow, or raise baton.limits.max-nodes"));
    }
    long links = root.path("edges").isArray() ? root.path("edges").size() : 0;
    if (nodes.isArray()) {
      for (JsonNode node : nodes) {
        JsonNode deps = node.path("dependencies");
        links += deps.isArray() ? deps.size() : 0;
      }
    }
    if (links > limits.maxEdges()) {
      problems.add(SpecProblem.error("$.edges", "the spec has " + links
              + " edges and dependencies; the limit is " + limits.maxEdges(),
          "split the workflow, or raise baton.limits.max-edges"));
    }
    return problems;
  }

  /**
   * What the value walk found.
   *
   * @param unreadable whether the spec holds a number too large to read (1e400): no later
   *     check may look at it
   */
  record Values(List<SpecProblem> problems, boolean unreadable) {}

  /** Every string and number: lengths, characters, finiteness and Baton's upper bounds. */
  Values values(JsonNode root) {
    List<SpecProblem> problems = new ArrayList<>();
    boolean[] unreadable = {false};
    walk(root, JsonPaths.ROOT, null, problems, unreadable);
    if (root.isObject()) {
      bounds(root, problems);
    }
    return new Values(List.copyOf(problems), unreadable[0]);
  }

  private void walk(JsonNode value, String path, String field, List<SpecProblem> problems,
      boolean[] unreadable) {
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String key = entry.getKey();
        String keyPath = JsonPaths.field(path, key);
        String bad = TextRules.unstorable(key);
        if (bad != null) {
          problems.add(SpecProblem.error(path, "a field name contains " + bad,
              "use printable characters in field names"));
        } else if (key.length() > limits.maxNameLength()) {
          problems.add(SpecProblem.error(path, "a field name is " + key.length()
              + " characters long; the limit is " + limits.maxNameLength(),
              "shorten the field name " + TextRules.shown(key)));
        }
        walk(entry.getValue(), keyPath, key, problems, unreadable);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), JsonPaths.index(path, i), field, problems, unreadable);
      }
    } else if (value.isTextual()) {
      text(value.asText(), path, field, problems);
    } else if (value.isNumber() && !finite(value)) {
      unreadable[0] = true;
      problems.add(SpecProblem.error(path, "'" + field + "' is too large to be a number (it "
              + "overflows a 64-bit floating-point number)",
          "use a value within Baton's limits (docs/spec-reference.md#limits)"));
    }
  }

  private void text(String text, String path, String field, List<SpecProblem> problems) {
    String bad = TextRules.unstorable(text);
    if (bad != null) {
      problems.add(SpecProblem.error(path, "'" + field + "' contains " + bad
              + ", which a BPMN (XML) document cannot hold",
          "remove it; tabs and line breaks are fine"));
    }
    int max = maxLength(path, field);
    if (text.length() > max) {
      problems.add(SpecProblem.error(path, "'" + field + "' is " + text.length()
              + " characters long; the limit is " + max,
          "shorten it, or raise baton.limits." + lengthSetting(max)));
    }
  }

  private int maxLength(String path, String field) {
    if (path.matches("\\$\\.nodes\\[\\d+]\\.id")
        || path.matches("\\$\\.edges\\[\\d+]\\.(from|to)")
        || path.matches("\\$\\.nodes\\[\\d+]\\.dependencies\\[\\d+]")) {
      return limits.maxIdLength();
    }
    if (path.equals("$.metadata.name") || path.matches("\\$\\.nodes\\[\\d+]\\.name")
        || path.matches("\\$\\.nodes\\[\\d+]\\.config\\.prompt_template")) {
      return limits.maxNameLength();
    }
    if (path.equals("$.metadata.description")) {
      return limits.maxDescriptionLength();
    }
    if (path.equals("$.metadata.version")) {
      return SpecLimits.MAX_VERSION_LENGTH;
    }
    return limits.maxStringLength();
  }

  private String lengthSetting(int max) {
    if (max == limits.maxIdLength()) {
      return "max-id-length";
    }
    if (max == limits.maxNameLength()) {
      return "max-name-length";
    }
    if (max == limits.maxDescriptionLength()) {
      return "max-description-length";
    }
    return max == SpecLimits.MAX_VERSION_LENGTH ? "(none: Camunda's version tags are at most 64)"
        : "max-string-length";
  }

  // --- upper bounds of Baton's numeric settings ----------------------------------------------

  private void bounds(JsonNode root, List<SpecProblem> problems) {
    JsonNode metadata = root.path("metadata");
    atMost(metadata, "$.metadata", "budget_usd", limits.maxUsd(), "max-usd", problems);
    atMost(metadata, "$.metadata", "sla_ms", BigDecimal.valueOf(limits.maxSlaMs()), "max-sla-ms",
        problems);
    JsonNode override = metadata.path("budget_override");
    atMost(override, "$.metadata.budget_override", "raise_usd", limits.maxUsd(), "max-usd",
        problems);
    hours(override, "$.metadata.budget_override", "timeout_hours", problems);
    JsonNode nodes = root.path("nodes");
    for (int i = 0; nodes.isArray() && i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      String path = JsonPaths.node(i);
      atMost(node, path, "timeout_ms", BigDecimal.valueOf(limits.maxTimeoutMs()),
          "max-timeout-ms", problems);
      JsonNode config = node.path("config");
      if (!config.isObject()) {
        continue;
      }
      String configPath = path + ".config";
      long configBytes = bytes(config, limits.maxConfigBytes());
      if (configBytes > limits.maxConfigBytes()) {
        problems.add(SpecProblem.error(configPath, "the config of node " + i + " is over "
                + limits.maxConfigBytes() + " bytes of JSON; the limit is "
                + limits.maxConfigBytes(),
            "move long texts into a prompt template, or raise baton.limits.max-config-bytes"));
      }
      switch (node.path("type").asText()) {
        case "agent_task" -> {
          atMost(config, configPath, "max_tokens", BigDecimal.valueOf(limits.maxTokens()),
              "max-tokens", problems);
          atMost(config, configPath, "temperature", BigDecimal.valueOf(limits.maxTemperature()),
              "max-temperature", problems);
          for (String key : List.of("max_model_calls", "max_tool_calls")) {
            atMost(config, configPath, key, BigDecimal.valueOf(limits.maxCallsPerNode()),
                "max-calls-per-node", problems);
          }
        }
        case "approval_gate" -> {
          hours(config, configPath, "timeout_hours", problems);
          isoTimeout(config, configPath, problems);
          atMost(config, configPath, "max_iterations",
              BigDecimal.valueOf(limits.maxIterations()), "max-iterations", problems);
          JsonNode levels = config.path("escalation_policy").path("levels");
          for (int j = 0; levels.isArray() && j < levels.size(); j++) {
            hours(levels.get(j), configPath + ".escalation_policy.levels[" + j + "]",
                "after_hours", problems);
          }
        }
        case "condition" -> atMost(config, configPath, "max_iterations",
            BigDecimal.valueOf(limits.maxIterations()), "max-iterations", problems);
        case "parallel" -> atMost(config, configPath, "wait_for",
            BigDecimal.valueOf(limits.maxNodes()), "max-nodes", problems);
        default -> {
          // an unknown type is the schema's to report
        }
      }
    }
  }

  private void hours(JsonNode parent, String path, String key, List<SpecProblem> problems) {
    atMost(parent, path, key, BigDecimal.valueOf(limits.maxTimeoutHours()),
        "max-timeout-hours", problems);
  }

  private void isoTimeout(JsonNode config, String path, List<SpecProblem> problems) {
    JsonNode timeout = config.get("timeout");
    if (timeout == null || !timeout.isTextual()) {
      return;
    }
    try {
      Duration duration = Duration.parse(timeout.asText());
      double hours = duration.getSeconds() / 3600.0;
      if (hours > limits.maxTimeoutHours()) {
        problems.add(SpecProblem.error(JsonPaths.field(path, "timeout"), "'timeout' is "
                + TextRules.shown(timeout.asText()) + " (" + Math.round(hours)
                + " hours); the most allowed is " + number(limits.maxTimeoutHours()) + " hours",
            "use a shorter duration, or raise baton.limits.max-timeout-hours"));
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // not a duration: the semantic checks say so
    }
  }

  private void atMost(JsonNode parent, String path, String key, BigDecimal max, String setting,
      List<SpecProblem> problems) {
    JsonNode value = parent.get(key);
    if (value == null || !value.isNumber() || !finite(value)) {
      return;
    }
    if (value.decimalValue().compareTo(max) > 0) {
      problems.add(SpecProblem.error(JsonPaths.field(path, key), "'" + key + "' is "
              + value.asText() + "; the most allowed is " + max.stripTrailingZeros()
              .toPlainString(),
          "use a smaller value, or raise baton.limits." + setting));
    }
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static boolean finite(JsonNode number) {
    return JsonSize.finite(number);
  }

  static long bytes(JsonNode tree, long cap) {
    return JsonSize.bytes(tree, cap);
  }

  /** How deep the tree nests (a scalar is 0), iteratively so that depth cannot overflow. */
  static int depth(JsonNode root) {
    int max = 0;
    Deque<Object[]> todo = new ArrayDeque<>();
    todo.push(new Object[] {root, 0});
    while (!todo.isEmpty()) {
      Object[] entry = todo.pop();
      JsonNode node = (JsonNode) entry[0];
      int level = (Integer) entry[1];
      if (node.isContainerNode()) {
        max = Math.max(max, level + 1);
        for (JsonNode child : node) {
          if (child.isContainerNode()) {
            todo.push(new Object[] {child, level + 1});
          }
        }
      }
    }
    return max;
  }
}
