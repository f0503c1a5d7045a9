package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.SpecBinder.Indexed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node: its agent type, near misses of config keys, and the config of its kind (agent tasks
 * and approval gates have classes of their own; conditions and parallels only take one number).
 */
final class NodeChecks {

  /** The config keys Baton reads, per node type; others are kept for later features. */
  static final Map<NodeType, List<String>> CONFIG_KEYS =
      Map.of(
          NodeType.AGENT_TASK,
          List.of(
              "prompt_template",
              "prompt_version",
              "prompt",
              "output_format",
              "output_schema",
              "tools",
              "model",
              "fallback_model",
              "temperature",
              "max_tokens",
              "critical",
              "agent",
              "capabilities",
              "max_model_calls",
              "max_tool_calls",
              "tags"),
          NodeType.APPROVAL_GATE,
          List.of("required_role", "approvers", "timeout_hours", "timeout", "on_timeout",
              "escalation_policy", "approval_criteria", "max_iterations", "tags"),
          NodeType.CONDITION,
          List.of("max_iterations", "tags"),
          NodeType.PARALLEL,
          List.of("wait_for", "tags"));

  private final CheckContext ctx;
  private final AgentTypes agentTypes;
  private final ConfigFields fields;
  private final AgentConfigChecks agentConfig;
  private final ApprovalConfigChecks approvalConfig;

  NodeChecks(CheckContext ctx, AgentTypes agentTypes) {
    this.ctx = ctx;
    this.agentTypes = agentTypes;
    this.fields = new ConfigFields(ctx);
    this.agentConfig = new AgentConfigChecks(ctx);
    this.approvalConfig = new ApprovalConfigChecks(ctx);
  }

  void node(Indexed<NodeSpec> entry) {
    NodeSpec node = entry.value();
    String path = JsonPaths.node(entry.index());
    JsonNode raw = ctx.root().path("nodes").path(entry.index());
    boolean agentTypeGiven = raw.hasNonNull("agent_type");
    if (node.type() == NodeType.AGENT_TASK) {
      Set<String> known = new TreeSet<>(agentTypes.known());
      boolean chosenOtherwise = node.config().hasNonNull("capabilities")
          || node.config().hasNonNull("agent");
      if (!agentTypeGiven && !chosenOtherwise) {
        ctx.error(
            path,
            "agent_task '" + node.id() + "' has no agent_type",
            "add \"agent_type\" with one of: " + String.join(", ", known)
                + "; or config.capabilities (required capabilities) or config.agent (an "
                + "agent's slug)");
      } else if (node.agentType() != null && !known.contains(node.agentType())) {
        ctx.error(
            path + ".agent_type",
            "unknown agent type '" + node.agentType() + "'"
                + DidYouMean.suffix(node.agentType(), known),
            "known agent types: " + String.join(", ", known));
      }
    } else if (agentTypeGiven) {
      ctx.warning(
          path + ".agent_type",
          "agent_type is ignored on " + node.type().json() + " '" + node.id() + "'",
          "only agent_task nodes run an agent; remove it");
    }
    String config = path + ".config";
    configTypos(node, config);
    // tags name what a node does for rules about it (a governance policy's human gates)
    fields.expect(node.config(), config, "tags", ConfigFields::isStringArray,
        "an array of tags, e.g. [\"prod_deploy\"]");
    switch (node.type()) {
      case AGENT_TASK -> {
        agentConfig.check(node.config(), config);
        if (node.config().has("critical") && !partialCompletion()) {
          ctx.warning(
              JsonPaths.field(config, "critical"),
              "config 'critical' of '" + node.id() + "' has no effect: the workflow does not "
                  + "allow partial completion, so every failed agent task fails the run",
              "set metadata.allow_partial_completion to true, or remove 'critical'");
        }
      }
      case APPROVAL_GATE -> approvalConfig.check(node, config);
      case CONDITION -> fields.positiveInteger(node.config(), config, "max_iterations");
      case PARALLEL -> fields.positiveInteger(node.config(), config, "wait_for");
    }
  }

  /**
   * Config is open, so unknown keys are fine; but one that is a near miss of a known key is
   * almost certainly a typo whose setting would silently not apply.
   */
  private void configTypos(NodeSpec node, String path) {
    List<String> known = CONFIG_KEYS.get(node.type());
    node.config()
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                DidYouMean.closest(key, known)
                    .ifPresent(
                        guess ->
                            ctx.warning(
                                JsonPaths.field(path, key),
                                "config key '" + key + "' is not used by " + node.type().json()
                                    + " nodes; did you mean '" + guess + "'?",
                                "rename it to '" + guess + "' if that is what you meant"));
              }
            });
  }

  private boolean partialCompletion() {
    return ctx.root().path("metadata").path("allow_partial_completion").asBoolean(false);
  }
}
