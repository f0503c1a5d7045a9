package dev.baton.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DAG behind a spec: {@code dependencies} and {@code edges} merged into one list of {@link
 * Connection}s, in spec order so that everything derived from it is deterministic. Works on
 * specs whose references have been checked (unknown ids are ignored here).
 */
public final class WorkflowGraph {

  private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
  private final List<Connection> connections = new ArrayList<>();
  private final Map<String, List<Connection>> outgoing = new HashMap<>();
  private final Map<String, List<Connection>> incoming = new HashMap<>();

  public WorkflowGraph(WorkflowSpec spec) {
    spec.nodes().forEach(n -> nodes.putIfAbsent(n.id(), n));
    Set<String> explicitPairs = new LinkedHashSet<>();
    for (EdgeSpec edge : spec.edges()) {
      if (nodes.containsKey(edge.from()) && nodes.containsKey(edge.to())) {
        add(new Connection(edge.from(), edge.to(), edge.condition()));
        explicitPairs.add(edge.from() + "\u0000" + edge.to());
      }
    }
    for (NodeSpec node : nodes.values()) {
      for (String dependency : node.dependencies()) {
        NodeSpec source = nodes.get(dependency);
        if (source != null && !explicitPairs.contains(dependency + "\u0000" + node.id())) {
          add(new Connection(dependency, node.id(), ordinaryOutcome(source.type())));
          explicitPairs.add(dependency + "\u0000" + node.id());
        }
      }
    }
  }

  /** The condition a plain dependency on a node of this type stands for. */
  public static EdgeCondition ordinaryOutcome(NodeType type) {
    return new EdgeCondition.OnOutcome(
        switch (type) {
          case APPROVAL_GATE -> Outcome.APPROVED;
          case CONDITION -> Outcome.DEFAULT;
          default -> Outcome.SUCCESS;
        });
  }

  private void add(Connection connection) {
    connections.add(connection);
    outgoing.computeIfAbsent(connection.from(), k -> new ArrayList<>()).add(connection);
    incoming.computeIfAbsent(connection.to(), k -> new ArrayList<>()).add(connection);
  }

  public List<NodeSpec> nodes() {
    return List.copyOf(nodes.values());
  }

  public NodeSpec node(String id) {
    return nodes.get(id);
  }

  public List<Connection> connections() {
    return Collections.unmodifiableList(connections);
  }

  public List<Connection> outgoing(String id) {
    return outgoing.getOrDefault(id, List.of());
  }

  public List<Connection> incoming(String id) {
    return incoming.getOrDefault(id, List.of());
  }

  /** Nodes nothing leads to: where a run starts. */
  public List<String> roots() {
    return nodes.keySet().stream().filter(id -> incoming(id).isEmpty()).toList();
  }

  /** Nodes that lead nowhere: where a run's branches end. */
  public List<String> sinks() {
    return nodes.keySet().stream().filter(id -> outgoing(id).isEmpty()).toList();
  }

  /** Every node from which a connection path leads to this one (the node itself only on a loop). */
  public Set<String> ancestors(String id) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      for (Connection c : incoming(todo.pop())) {
        if (seen.add(c.from())) {
          todo.push(c.from());
        }
      }
    }
    return seen;
  }

  public Set<String> reachableFrom(List<String> starts) {
    Set<String> seen = new LinkedHashSet<>(starts);
    Deque<String> todo = new ArrayDeque<>(starts);
    while (!todo.isEmpty()) {
      for (Connection c : outgoing(todo.pop())) {
        if (seen.add(c.to())) {
          todo.push(c.to());
        }
      }
    }
    return seen;
  }

  /**
   * Where the branches leaving a fork meet again: the first node that every branch reaches and
   * from which every other such node is reached. Empty when the fork has fewer than two branches
   * or they never meet.
   */
  public java.util.Optional<String> meetingPoint(String forkId) {
    List<String> heads = outgoing(forkId).stream().map(Connection::to).distinct().toList();
    if (heads.size() < 2) {
      return java.util.Optional.empty();
    }
    Set<String> common = null;
    for (String head : heads) {
      Set<String> reached = reachableFrom(List.of(head));
      if (common == null) {
        common = new LinkedHashSet<>(reached);
      } else {
        common.retainAll(reached);
      }
    }
    for (String candidate : nodes.keySet()) {
      if (common.contains(candidate) && reachableFrom(List.of(candidate)).containsAll(common)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Strongly connected components with more than one node, or a node linked to itself: every
   * cycle of the graph lies inside one of them. Each component lists its nodes in spec order.
   */
  public List<List<String>> cyclicComponents() {
    return new Tarjan().run();
  }

  /**
   * One concrete cycle inside a component, as a path that starts and ends at the same node
   * ({@code [a, b, c, a]}), for messages that name it.
   */
  public List<String> cycleThrough(List<String> component) {
    Set<String> members = new LinkedHashSet<>(component);
    String start = component.get(0);
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    Set<String> seen = new LinkedHashSet<>();
    while (!queue.isEmpty()) {
      String current = queue.poll();
      for (Connection c : outgoing(current)) {
        if (!members.contains(c.to())) {
          continue;
        }
        if (c.to().equals(start)) {
          List<String> path = new ArrayList<>();
          for (String n = current; n != null; n = parent.get(n)) {
            path.add(0, n);
          }
          path.add(start);
          return path;
        }
        if (seen.add(c.to())) {
          parent.put(c.to(), current);
          queue.add(c.to());
        }
      }
    }
    return List.of(start, start);
  }

  /**
   * Whether a connection leaves a guarded condition node and leads back into its own cycle: the
   * "try again" edge of a critic-refine loop, which the loop guard controls.
   */
  public boolean isLoopBack(Connection connection) {
    return loopBacks().contains(connection);
  }

  /**
   * Whether a connection closes a cycle: it leads to a node that is still open on a depth-first
   * walk from the roots (in spec order). Where such an edge arrives, a loop re-enters the graph;
   * without these edges the graph is acyclic.
   */
  public boolean isBackEdge(Connection connection) {
    return backEdges().contains(connection);
  }

  private Set<Connection> loopBacks;
  private Set<Connection> backEdges;

  private Set<Connection> loopBacks() {
    if (loopBacks == null) {
      Set<Connection> result = new LinkedHashSet<>();
      for (Connection c : connections) {
        NodeSpec source = nodes.get(c.from());
        if (source.type() == NodeType.CONDITION
            && reachableFrom(List.of(c.to())).contains(c.from())) {
          result.add(c);
        }
      }
      loopBacks = result;
    }
    return loopBacks;
  }

  private Set<Connection> backEdges() {
    if (backEdges == null) {
      Set<Connection> result = new LinkedHashSet<>();
      Set<String> done = new LinkedHashSet<>();
      Set<String> open = new LinkedHashSet<>();
      List<String> starts = new ArrayList<>(roots());
      starts.addAll(nodes.keySet());
      for (String start : starts) {
        if (done.contains(start)) {
          continue;
        }
        // iterative DFS: a frame is a node and the index of its next outgoing connection
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {start, 0});
        open.add(start);
        while (!stack.isEmpty()) {
          Object[] frame = stack.peek();
          String node = (String) frame[0];
          int i = (Integer) frame[1];
          List<Connection> out = outgoing(node);
          if (i == out.size()) {
            stack.pop();
            open.remove(node);
            done.add(node);
            continue;
          }
          frame[1] = i + 1;
          Connection c = out.get(i);
          if (open.contains(c.to())) {
            result.add(c);
          } else if (!done.contains(c.to())) {
            open.add(c.to());
            stack.push(new Object[] {c.to(), 0});
          }
        }
      }
      backEdges = result;
    }
    return backEdges;
  }

  private final class Tarjan {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new LinkedHashSet<>();
    private final List<List<String>> result = new ArrayList<>();
    private int counter;

    List<List<String>> run() {
      for (String id : nodes.keySet()) {
        if (!index.containsKey(id)) {
          visit(id);
        }
      }
      List<String> order = new ArrayList<>(nodes.keySet());
      result.forEach(c -> c.sort((a, b) -> order.indexOf(a) - order.indexOf(b)));
      result.sort((a, b) -> order.indexOf(a.get(0)) - order.indexOf(b.get(0)));
      return result;
    }

    // Iterative, so a 1,000-node chain cannot overflow the stack.
    private void visit(String root) {
      Deque<Object[]> work = new ArrayDeque<>();
      enter(root);
      work.push(new Object[] {root, 0});
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        String v = (String) frame[0];
        int i = (Integer) frame[1];
        List<Connection> out = outgoing(v);
        if (i < out.size()) {
          frame[1] = i + 1;
          String w = out.get(i).to();
          if (!index.containsKey(w)) {
            enter(w);
            work.push(new Object[] {w, 0});
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = (String) work.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          List<String> component = new ArrayList<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          boolean selfLoop = outgoing(v).stream().anyMatch(c -> c.to().equals(v));
          if (component.size() > 1 || selfLoop) {
            result.add(component);
          }
        }
      }
    }

    private void enter(String v) {
      index.put(v, counter);
      low.put(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
    }
  }
}
