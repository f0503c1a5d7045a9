package dev.baton.compile;

import dev.baton.spec.Connection;
import dev.baton.spec.EdgeCondition;
import dev.baton.spec.NodeType;
import dev.baton.spec.Outcome;
import dev.baton.spec.WorkflowGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which gateway joins a node's predecessors. When every predecessor always runs (the
 * branches were forked in parallel), a parallel join is right and cheapest. When some branch
 * between the join and the point where the branches split is a choice (a condition node, or a
 * task with a failure/timeout/rejected path), a parallel join would wait forever for a token
 * that never comes; an inclusive join waits only for tokens that can still arrive.
 */
final class JoinAnalysis {

  private static final String ROOT = "\u0000root";

  private final WorkflowGraph graph;
  private final Map<String, List<String>> forwardPreds = new HashMap<>();
  private final Map<String, String> idom = new HashMap<>();
  private final Map<String, Integer> order = new HashMap<>();

  JoinAnalysis(WorkflowGraph graph) {
    this.graph = graph;
    for (Connection c : graph.connections()) {
      if (!graph.isBackEdge(c)) {
        forwardPreds.computeIfAbsent(c.to(), k -> new ArrayList<>()).add(c.from());
      }
    }
    computeDominators();
  }

  /** Connections into a node, without the ones that close a loop. */
  List<Connection> forwardIncoming(String nodeId) {
    return graph.incoming(nodeId).stream().filter(c -> !graph.isBackEdge(c)).toList();
  }

  boolean needsInclusiveJoin(String nodeId) {
    String dominator = idom.getOrDefault(nodeId, ROOT);
    Set<String> between = ancestors(nodeId);
    between.removeAll(ancestors(dominator));
    between.add(dominator);
    return between.stream().anyMatch(n -> isChoice(n) || isLoopBody(n));
  }

  /**
   * Whether a node is entered only when a loop goes round again (a loop-back edge leads to it).
   * Its token reaches a join later than, and never together with, the one of the first pass:
   * a parallel join would wait for it forever on the first pass.
   */
  private boolean isLoopBody(String nodeId) {
    return !ROOT.equals(nodeId) && graph.incoming(nodeId).stream().anyMatch(graph::isLoopBack);
  }

  /** Whether only some of a node's outgoing connections will carry a token. */
  private boolean isChoice(String nodeId) {
    if (ROOT.equals(nodeId)) {
      return false;
    }
    if (graph.node(nodeId).type() == NodeType.CONDITION) {
      return true;
    }
    Set<EdgeCondition> outcomes = new HashSet<>();
    for (Connection c : graph.outgoing(nodeId)) {
      outcomes.add(c.condition());
    }
    return outcomes.size() > 1
        || outcomes.stream()
            .anyMatch(o -> o instanceof EdgeCondition.OnOutcome on
                && (on.outcome() == Outcome.TIMEOUT || on.outcome() == Outcome.FAILURE
                    || on.outcome() == Outcome.REJECTED));
  }

  private Set<String> ancestors(String nodeId) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(forwardPreds.getOrDefault(nodeId, List.of()));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(forwardPreds.getOrDefault(n, List.of()));
      }
    }
    return seen;
  }

  // Cooper, Harvey & Kennedy's iterative dominators over a topological order; roots hang off
  // a virtual root so that a workflow with several starting nodes has one entry.
  private void computeDominators() {
    List<String> topo = topologicalOrder();
    order.put(ROOT, 0);
    for (int i = 0; i < topo.size(); i++) {
      order.put(topo.get(i), i + 1);
    }
    idom.put(ROOT, ROOT);
    for (String n : topo) {
      List<String> preds = forwardPreds.getOrDefault(n, List.of());
      String candidate = preds.isEmpty() ? ROOT : null;
      for (String p : preds) {
        if (idom.containsKey(p)) {
          candidate = candidate == null ? p : intersect(candidate, p);
        }
      }
      idom.put(n, candidate == null ? ROOT : candidate);
    }
  }

  private String intersect(String a, String b) {
    while (!a.equals(b)) {
      while (order.get(a) > order.get(b)) {
        a = idom.get(a);
      }
      while (order.get(b) > order.get(a)) {
        b = idom.get(b);
      }
    }
    return a;
  }

  private List<String> topologicalOrder() {
    Map<String, Integer> indegree = new HashMap<>();
    graph.nodes().forEach(n -> indegree.put(n.id(), forwardPreds.getOrDefault(n.id(), List.of()).size()));
    Deque<String> ready = new ArrayDeque<>();
    graph.nodes().stream().map(n -> n.id()).filter(id -> indegree.get(id) == 0).forEach(ready::add);
    List<String> result = new ArrayList<>();
    while (!ready.isEmpty()) {
      String n = ready.poll();
      result.add(n);
      for (Connection c : graph.outgoing(n)) {
        if (!graph.isBackEdge(c) && indegree.merge(c.to(), -1, Integer::sum) == 0) {
          ready.add(c.to());
        }
      }
    }
    return result;
  }
}
