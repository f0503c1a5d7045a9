package dev.baton.compile.layout;

import java.util.ArrayDeque;

/** Assigns each node a layer (a column, left to right). */
final class Layering {

  private Layering() {}

  /**
   * Longest path from the sources: every edge, after cycle breaking, goes at least one layer to the
   * right, and a node sits just right of its furthest predecessor.
   */
  static int[] longestPath(int n, int[] src, int[] tgt, boolean[] reversed, boolean[] ignore) {
    int m = src.length;
    int[] from = new int[m];
    int[] to = new int[m];
    int[] indegree = new int[n];
    for (int e = 0; e < m; e++) {
      from[e] = reversed[e] ? tgt[e] : src[e];
      to[e] = reversed[e] ? src[e] : tgt[e];
      if (!ignore[e]) {
        indegree[to[e]]++;
      }
    }
    int[][] out = Adjacency.outgoing(n, from, ignore);
    int[] layer = new int[n];
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int v = 0; v < n; v++) {
      if (indegree[v] == 0) {
        ready.add(v);
      }
    }
    while (!ready.isEmpty()) {
      int v = ready.poll();
      for (int e : out[v]) {
        int w = to[e];
        layer[w] = Math.max(layer[w], layer[v] + 1);
        if (--indegree[w] == 0) {
          ready.add(w);
        }
      }
    }
    return layer;
  }
}
