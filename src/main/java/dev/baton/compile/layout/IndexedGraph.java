package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input resolved to int indices. "Main" nodes are the ones that get layered; a boundary event
 * rides on its host, so for layering an edge leaving an event counts as leaving the host.
 */
final class IndexedGraph {

  final List<LayoutGraph.Node> nodes;
  final List<LayoutGraph.Edge> edges;

  /** main index -> input node index. */
  final int[] mainNodes;

  /** input node index -> its own main index, or its host's when it is a boundary event. */
  final int[] hostOf;

  /** main index -> input indices of the boundary events on it, in input order. */
  final List<List<Integer>> eventsOn;

  /** per edge: main index of the source (an event replaced by its host). */
  final int[] src;

  /** per edge: main index of the target (an event replaced by its host). */
  final int[] tgt;

  /** per edge: input index of the boundary event it leaves, or -1. */
  final int[] eventOf;

  /** per edge: source and target are the same main node (e.g. a retry from a host's event). */
  final boolean[] self;

  IndexedGraph(LayoutGraph graph) {
    nodes = graph.nodes();
    edges = graph.edges();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (index.put(nodes.get(i).id(), i) != null) {
        throw new IllegalArgumentException("duplicate node id " + nodes.get(i).id());
      }
    }
    hostOf = new int[nodes.size()];
    List<Integer> mains = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).attachedTo() == null) {
        hostOf[i] = mains.size();
        mains.add(i);
      }
    }
    mainNodes = mains.stream().mapToInt(Integer::intValue).toArray();
    eventsOn = new ArrayList<>();
    mains.forEach(m -> eventsOn.add(new ArrayList<>()));
    for (int i = 0; i < nodes.size(); i++) {
      LayoutGraph.Node node = nodes.get(i);
      if (node.attachedTo() != null) {
        Integer host = index.get(node.attachedTo());
        if (host == null || nodes.get(host).attachedTo() != null) {
          throw new IllegalArgumentException(
              "boundary event " + node.id() + " is attached to unknown task " + node.attachedTo());
        }
        hostOf[i] = hostOf[host];
        eventsOn.get(hostOf[host]).add(i);
      }
    }
    int m = edges.size();
    src = new int[m];
    tgt = new int[m];
    eventOf = new int[m];
    self = new boolean[m];
    for (int e = 0; e < m; e++) {
      LayoutGraph.Edge edge = edges.get(e);
      int s = lookup(index, edge.source(), edge);
      int t = lookup(index, edge.target(), edge);
      src[e] = hostOf[s];
      tgt[e] = hostOf[t];
      eventOf[e] = nodes.get(s).attachedTo() != null ? s : -1;
      self[e] = src[e] == tgt[e];
    }
  }

  private static int lookup(Map<String, Integer> index, String id, LayoutGraph.Edge edge) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("edge " + edge.id() + " refers to unknown node " + id);
    }
    return i;
  }

  int mainCount() {
    return mainNodes.length;
  }

  LayoutGraph.Node main(int v) {
    return nodes.get(mainNodes[v]);
  }
}
