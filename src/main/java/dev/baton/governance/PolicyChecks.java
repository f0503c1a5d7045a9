package dev.baton.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spec.EdgeSpec;
import dev.baton.spec.Metadata;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.WorkflowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bound spec against the governance policy: agent types it may not use and an SLA beyond the
 * policy's are errors at their JSON path, naming the rule and the policy file; a node tagged
 * with one of {@code workflows.require_human_gates} that is not already behind approval gates
 * gets one, added before it (so it is in the BPMN, in run status and in Tasklist like any
 * gate); a spec without an SLA gets the policy's. Pure: the platform and tests call it alike.
 */
public final class PolicyChecks {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PolicyChecks() {}

  /**
   * @param spec the spec as deploy would compile it; the policy's gates and SLA added
   * @param tree the spec's document with the same additions, as deploy stores it (run status
   *     lists its nodes)
   * @param problems errors (the spec breaks a rule) and warnings (what the policy added)
   */
  public record Result(WorkflowSpec spec, JsonNode tree, List<SpecProblem> problems) {}

  /**
   * @param tree the spec's document; not changed (the result holds a changed copy)
   */
  public static Result check(WorkflowSpec spec, JsonNode tree, GovernancePolicy policy) {
    JsonNode document = tree.deepCopy();
    List<SpecProblem> problems = new ArrayList<>();
    String rule = " (" + policy.where() + ")";
    List<NodeSpec> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec node = nodes.get(i);
      if (node.type() == NodeType.AGENT_TASK && node.agentType() != null
          && !policy.allows(node.agentType())) {
        problems.add(SpecProblem.error("$.nodes[" + i + "].agent_type", "agent type '"
            + node.agentType() + "' of '" + node.id() + "' is not allowed by the governance "
            + "policy's agents.allowed_types" + rule,
            "use one of " + String.join(", ", policy.allowedAgentTypes())
                + ", or ask your governance team to allow it"));
      }
    }
    Metadata metadata = spec.metadata();
    if (policy.runSlaMs() != null) {
      if (metadata.slaMs() != null && metadata.slaMs() > policy.runSlaMs()) {
        problems.add(SpecProblem.error("$.metadata.sla_ms", "sla_ms " + metadata.slaMs()
            + " (" + words(metadata.slaMs()) + ") is longer than the governance policy's "
            + "workflows.run_sla_ms " + policy.runSlaMs() + " (" + words(policy.runSlaMs())
            + ")" + rule, "set sla_ms to at most " + policy.runSlaMs()));
      } else if (metadata.slaMs() == null) {
        metadata = new Metadata(metadata.name(), metadata.description(), metadata.version(),
            policy.runSlaMs(), metadata.budgetUsd(), metadata.allowPartialCompletion(),
            metadata.budgetOverride());
        if (document.path("metadata") instanceof ObjectNode meta) {
          meta.put("sla_ms", policy.runSlaMs());
        }
        problems.add(SpecProblem.warning("$.metadata", "the governance policy's "
            + "workflows.run_sla_ms applies: a run must end within "
            + words(policy.runSlaMs()) + rule, "set metadata.sla_ms to choose a shorter SLA"));
      }
    }
    WorkflowSpec checked = new WorkflowSpec(metadata, spec.nodes(), spec.edges());
    return new Result(gated(checked, document, policy, problems), document, problems);
  }

  /** The spec with a gate before every tagged node that is not behind gates already. */
  private static WorkflowSpec gated(WorkflowSpec spec, JsonNode document,
      GovernancePolicy policy, List<SpecProblem> problems) {
    if (policy.requireHumanGates().isEmpty()) {
      return spec;
    }
    List<NodeSpec> nodes = new ArrayList<>(spec.nodes());
    List<EdgeSpec> edges = new ArrayList<>(spec.edges());
    Set<String> ids = new HashSet<>();
    nodes.forEach(n -> ids.add(n.id()));
    for (int i = 0; i < spec.nodes().size(); i++) {
      NodeSpec node = spec.nodes().get(i);
      List<String> tags = tagsOf(node).stream()
          .filter(policy.requireHumanGates()::contains).toList();
      if (tags.isEmpty() || behindGates(spec, node)) {
        continue;
      }
      String gateId = unique("policy_gate_" + node.id(), ids);
      ids.add(gateId);
      ObjectNode config = JSON.objectNode();
      config.put("required_role", policy.humanGateRole());
      config.put("timeout_hours", policy.humanGateTimeoutHours());
      config.put("on_timeout", "deny");
      NodeSpec gate = new NodeSpec(gateId, NodeType.APPROVAL_GATE, "Approve: " + node.label(),
          null, config, null, node.dependencies(), "Added by the governance policy ("
              + policy.where() + "): a node tagged " + String.join(", ", tags)
              + " needs a human decision before it runs.");
      int at = nodes.indexOf(node);
      nodes.set(at, node.withDependencies(List.of(gateId)));
      nodes.add(at, gate);
      // explicit edges into the node now lead to the gate, which leads on to the node
      for (int e = 0; e < edges.size(); e++) {
        EdgeSpec edge = edges.get(e);
        if (edge.to().equals(node.id())) {
          edges.set(e, new EdgeSpec(edge.from(), gateId, edge.condition()));
        }
      }
      addToDocument(document, node.id(), gate);
      problems.add(SpecProblem.warning("$.nodes[" + i + "]", "'" + node.id() + "' is tagged "
          + String.join(", ", tags) + ": the governance policy's workflows.require_human_gates"
          + " adds approval gate '" + gateId + "' (role " + policy.humanGateRole() + ") before"
          + " it", "add an approval_gate before it yourself to choose who decides"));
    }
    return new WorkflowSpec(spec.metadata(), nodes, edges);
  }

  /** The same gate in the stored document: before the node, which now depends on it alone. */
  private static void addToDocument(JsonNode document, String nodeId, NodeSpec gate) {
    if (!(document.path("nodes") instanceof com.fasterxml.jackson.databind.node.ArrayNode nodes)) {
      return;
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) instanceof ObjectNode node && nodeId.equals(node.path("id").asText())) {
        ObjectNode added = JSON.objectNode();
        added.put("id", gate.id()).put("type", "approval_gate").put("name", gate.name())
            .put("description", gate.description());
        added.set("config", gate.config().deepCopy());
        JsonNode dependencies = node.get("dependencies");
        if (dependencies != null) {
          added.set("dependencies", dependencies.deepCopy());
        }
        node.set("dependencies", JSON.arrayNode().add(gate.id()));
        nodes.insert(i, added);
        break;
      }
    }
    for (JsonNode edge : document.path("edges")) {
      if (edge instanceof ObjectNode e && nodeId.equals(e.path("to").asText())) {
        e.put("to", gate.id());
      }
    }
  }

  /** Whether every way into the node comes straight from an approval gate. */
  private static boolean behindGates(WorkflowSpec spec, NodeSpec node) {
    List<String> sources = new ArrayList<>(node.dependencies());
    spec.edges().stream().filter(e -> e.to().equals(node.id())).map(EdgeSpec::from)
        .forEach(sources::add);
    return !sources.isEmpty() && sources.stream().allMatch(id -> spec.node(id)
        .map(n -> n.type() == NodeType.APPROVAL_GATE).orElse(false));
  }

  private static List<String> tagsOf(NodeSpec node) {
    JsonNode tags = node.config() == null ? null : node.config().get("tags");
    List<String> out = new ArrayList<>();
    if (tags != null && tags.isArray()) {
      tags.forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  private static String unique(String id, Set<String> taken) {
    String candidate = id;
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = id + "_" + n;
    }
    return candidate;
  }

  private static String words(long millis) {
    Duration d = Duration.ofMillis(millis);
    return d.toHours() >= 1 && d.toMinutesPart() == 0 ? d.toHours() + " h"
        : d.toMinutes() >= 1 && d.toSecondsPart() == 0 ? d.toMinutes() + " min"
        : d.toSeconds() + " s";
  }
}
