package dev.baton.compile.layout;

/** Compact adjacency arrays, built in edge input order. */
final class Adjacency {

  private Adjacency() {}

  /** For each node, the indices of the edges leaving it (edges flagged in skip left out). */
  static int[][] outgoing(int n, int[] from, boolean[] skip) {
    int[] count = new int[n];
    for (int e = 0; e < from.length; e++) {
      if (!skip[e]) {
        count[from[e]]++;
      }
    }
    int[][] out = new int[n][];
    for (int v = 0; v < n; v++) {
      out[v] = new int[count[v]];
      count[v] = 0;
    }
    for (int e = 0; e < from.length; e++) {
      if (!skip[e]) {
        out[from[e]][count[from[e]]++] = e;
      }
    }
    return out;
  }
}
