package dev.baton.budget;

import dev.baton.spec.Connection;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.WorkflowGraph;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a workflow can cost, worked out from its spec and the model prices before it is deployed.
 *
 * <p>One call of an agent node costs what {@link CostFormula} says (the rule the budget check
 * and the reservation use too): at most its prompt allowance and output limit, at least the
 * allowance and a single output token, at the prices of the model it will really use. The
 * spec given carries each node's agent config under the node's own. Approval gates, conditions and parallel
 * nodes cost nothing. A node inside a loop through a condition with {@code max_iterations} n
 * runs at most n + 1 times (inside nested loops, the product over its loops).
 *
 * @param worstCaseTotalUsd every agent node, loops at their maximum: what a run can cost at most
 * @param criticalPathUsd the most expensive path from a root to a sink over the forward graph
 *     (back edges left out), its nodes at their worst case including loop repetitions
 * @param minimumUsd the cheapest path from a root to a sink over the forward graph, each agent
 *     node on it called once at its minimum: a lower bound of any complete run (branches a
 *     parallel fork also runs are not added, so this never over-states the least a run costs)
 * @param perNode every node in spec order
 */
public record CostEstimate(
    BigDecimal worstCaseTotalUsd,
    BigDecimal criticalPathUsd,
    BigDecimal minimumUsd,
    List<NodeCost> perNode) {

  /**
   * @param maxRuns how often the node can run at most (loops), 1 outside loops
   * @param maxCallUsd the most one call of the node costs
   * @param maxCostUsd the most the node costs a run: {@code maxCallUsd × maxRuns}
   * @param minCallUsd the least one call costs (prompt allowance, one output token)
   */
  public record NodeCost(String nodeId, NodeType type, String model, int maxRuns,
      BigDecimal maxCallUsd, BigDecimal maxCostUsd, BigDecimal minCallUsd) {}

  public CostEstimate {
    perNode = List.copyOf(perNode);
  }

  /**
   * Money for messages, the same rule as the budget table's reasons: whole cents with two
   * decimals ($5.00), anything finer with four ($0.0048; model calls cost fractions of a cent),
   * more when needed to show a non-zero amount (never rounded down to zero).
   */
  public static String usd(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, java.math.RoundingMode.HALF_UP);
    if (cents.compareTo(amount) == 0) {
      return cents.toPlainString();
    }
    BigDecimal shown = amount.setScale(4, java.math.RoundingMode.HALF_UP);
    if (shown.signum() == 0 && amount.signum() != 0) {
      shown = amount.round(new java.math.MathContext(2));
    }
    return shown.toPlainString();
  }

  public static CostEstimate of(WorkflowSpec spec, CostFormula formula) {
    WorkflowGraph graph = new WorkflowGraph(spec);
    Map<String, Integer> runs = maxRuns(graph);
    Map<String, NodeCost> costs = new LinkedHashMap<>();
    for (NodeSpec node : graph.nodes()) {
      costs.put(node.id(), cost(node, formula, runs.getOrDefault(node.id(), 1)));
    }
    BigDecimal total = costs.values().stream().map(NodeCost::maxCostUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    List<String> order = forwardOrder(graph);
    BigDecimal critical = extremePath(graph, order,
        id -> costs.get(id).maxCostUsd(), true);
    BigDecimal minimum = extremePath(graph, order,
        id -> costs.get(id).minCallUsd(), false);
    return new CostEstimate(total, critical, minimum, List.copyOf(costs.values()));
  }

  private static NodeCost cost(NodeSpec node, CostFormula formula, int maxRuns) {
    if (node.type() != NodeType.AGENT_TASK) {
      return new NodeCost(node.id(), node.type(), null, 0, BigDecimal.ZERO, BigDecimal.ZERO,
          BigDecimal.ZERO);
    }
    String model = formula.model(node.config());
    BigDecimal maxCall = formula.worstCase(node.config());
    BigDecimal minCall = formula.least(node.config());
    return new NodeCost(node.id(), node.type(), model, maxRuns, maxCall,
        maxCall.multiply(BigDecimal.valueOf(maxRuns)), minCall);
  }

  /**
   * How often each node can run: for every condition with {@code max_iterations} n that loops
   * back, the nodes on a cycle through it (reachable from it and reaching it) run n + 1 times.
   */
  private static Map<String, Integer> maxRuns(WorkflowGraph graph) {
    Map<String, Integer> runs = new HashMap<>();
    for (List<String> component : graph.cyclicComponents()) {
      Set<String> members = new LinkedHashSet<>(component);
      for (String id : component) {
        NodeSpec node = graph.node(id);
        if (node.type() != NodeType.CONDITION
            || graph.outgoing(id).stream().noneMatch(graph::isLoopBack)) {
          continue;
        }
        long n = node.configLong("max_iterations").orElse(0L);
        Set<String> loop = within(members, reach(graph, id, true));
        loop.retainAll(reach(graph, id, false));
        for (String member : loop) {
          runs.merge(member, (int) (n + 1), (a, b) -> a * b);
        }
      }
    }
    return runs;
  }

  private static Set<String> within(Set<String> members, Set<String> nodes) {
    Set<String> result = new LinkedHashSet<>(nodes);
    result.retainAll(members);
    return result;
  }

  private static Set<String> reach(WorkflowGraph graph, String from, boolean forward) {
    Set<String> seen = new LinkedHashSet<>(List.of(from));
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String current = todo.pop();
      for (Connection c : forward ? graph.outgoing(current) : graph.incoming(current)) {
        String next = forward ? c.to() : c.from();
        if (seen.add(next)) {
          todo.push(next);
        }
      }
    }
    return seen;
  }

  /** The nodes in a topological order of the forward graph (back edges left out). */
  private static List<String> forwardOrder(WorkflowGraph graph) {
    Map<String, Integer> indegree = new LinkedHashMap<>();
    graph.nodes().forEach(n -> indegree.put(n.id(), 0));
    for (Connection c : graph.connections()) {
      if (!graph.isBackEdge(c)) {
        indegree.merge(c.to(), 1, Integer::sum);
      }
    }
    Deque<String> ready = new ArrayDeque<>();
    indegree.forEach((id, d) -> {
      if (d == 0) {
        ready.add(id);
      }
    });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (Connection c : forward(graph, id)) {
        if (indegree.merge(c.to(), -1, Integer::sum) == 0) {
          ready.add(c.to());
        }
      }
    }
    return order;
  }

  private static List<Connection> forward(WorkflowGraph graph, String id) {
    return graph.outgoing(id).stream().filter(c -> !graph.isBackEdge(c)).toList();
  }

  /**
   * The most (or least) expensive path from a node nothing leads to over the forward graph to
   * a node that leads nowhere on it, weighing each node once.
   */
  private static BigDecimal extremePath(WorkflowGraph graph, List<String> order,
      java.util.function.Function<String, BigDecimal> weight, boolean most) {
    Map<String, BigDecimal> best = new HashMap<>();
    Set<String> hasForwardIncoming = new LinkedHashSet<>();
    for (Connection c : graph.connections()) {
      if (!graph.isBackEdge(c)) {
        hasForwardIncoming.add(c.to());
      }
    }
    BigDecimal result = null;
    for (String id : order) {
      BigDecimal here = hasForwardIncoming.contains(id) ? best.get(id) : BigDecimal.ZERO;
      if (here == null) {
        continue; // not reached from a root
      }
      here = here.add(weight.apply(id));
      List<Connection> out = forward(graph, id);
      if (out.isEmpty()) {
        result = result == null ? here : most ? result.max(here) : result.min(here);
      }
      for (Connection c : out) {
        BigDecimal known = best.get(c.to());
        best.put(c.to(), known == null ? here : most ? known.max(here) : known.min(here));
      }
    }
    return result == null ? BigDecimal.ZERO : result;
  }
}
