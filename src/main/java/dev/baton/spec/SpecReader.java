package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** PLACEHOLDER until the spec-validation branch lands: binds without checking. */
public final class SpecReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SpecReader(AgentTypes agentTypes) {}

  public SpecReport read(String json) {
    try {
      return read(JSON.readTree(json));
    } catch (Exception e) {
      return new SpecReport(null, List.of(SpecProblem.error("$", e.getMessage(), null)));
    }
  }

  public SpecReport read(JsonNode tree) {
    JsonNode md = tree.path("metadata");
    Metadata metadata = new Metadata(md.path("name").asText(), md.path("description").asText(null),
        md.path("version").asText(null), md.has("sla_ms") ? md.get("sla_ms").asLong() : null,
        md.has("budget_usd") ? new BigDecimal(md.get("budget_usd").asText()) : null,
        md.path("allow_partial_completion").asBoolean(false));
    List<NodeSpec> nodes = new ArrayList<>();
    for (JsonNode n : tree.path("nodes")) {
      List<String> deps = new ArrayList<>();
      n.path("dependencies").forEach(d -> deps.add(d.asText()));
      nodes.add(new NodeSpec(n.path("id").asText(), NodeType.fromJson(n.path("type").asText()).orElseThrow(),
          n.path("name").asText(null), n.path("agent_type").asText(null),
          n.has("config") ? (ObjectNode) n.get("config") : JSON.createObjectNode(),
          n.has("timeout_ms") ? n.get("timeout_ms").asLong() : null, deps));
    }
    List<EdgeSpec> edges = new ArrayList<>();
    for (JsonNode e : tree.path("edges")) {
      String from = e.path("from").asText();
      NodeType type = nodes.stream().filter(x -> x.id().equals(from)).findFirst().map(NodeSpec::type).orElse(NodeType.AGENT_TASK);
      JsonNode c = e.get("condition");
      EdgeCondition cond = c == null ? WorkflowGraph.ordinaryOutcome(type)
          : c.isTextual() ? new EdgeCondition.OnOutcome(Outcome.fromJson(c.asText()).orElseThrow())
          : new EdgeCondition.Comparison(c.path("field").asText(), Operator.fromSymbol(c.path("operator").asText()).orElseThrow(), c.get("value"));
      edges.add(new EdgeSpec(from, e.path("to").asText(), cond));
    }
    return new SpecReport(new WorkflowSpec(metadata, nodes, edges), List.of());
  }
}
