package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.SpecBinder.Bound;
import java.util.List;

/**
 * The checks a JSON Schema cannot express: ids and references, which conditions fit which
 * node, type-specific config, and the shape of the graph (cycles, reachability). Runs on
 * whatever {@link SpecBinder} could bind; the graph checks only run when everything bound, so
 * that a node left out for a misspelt type does not make others look unreachable.
 *
 * <p>The entry point of the semantic layer: each job is a class of its own ({@link IdChecks},
 * {@link IdentityChecks}, {@link NodeChecks} with {@link AgentConfigChecks} and {@link
 * ApprovalConfigChecks}, {@link EdgeChecks}, {@link GraphChecks}), run in this order on one
 * {@link CheckContext}, so that the report lists problems in the order of the document.
 */
final class SemanticChecks {

  private final AgentTypes agentTypes;
  private final SpecLimits limits;

  SemanticChecks(AgentTypes agentTypes, SpecLimits limits) {
    this.agentTypes = agentTypes;
    this.limits = limits;
  }

  List<SpecProblem> check(JsonNode root, Bound bound) {
    CheckContext ctx = new CheckContext(root, bound);
    if (bound.nodeCount() == 0) {
      ctx.error(
          "$.nodes",
          "workflow has no nodes",
          "add at least one node, e.g. {\"id\": \"plan\", \"type\": \"agent_task\","
              + " \"agent_type\": \"planner\"}");
      return ctx.problems();
    }
    IdChecks ids = new IdChecks(ctx);
    boolean duplicateIds = ids.ids();
    new IdentityChecks(ctx).budgetOverride();
    NodeChecks nodes = new NodeChecks(ctx, agentTypes);
    bound.nodes().forEach(nodes::node);
    ids.dependencies();
    new EdgeChecks(ctx, limits).edges();
    if (bound.complete() && !duplicateIds) {
      new GraphChecks(ctx).graph();
    }
    return ctx.problems();
  }
}
