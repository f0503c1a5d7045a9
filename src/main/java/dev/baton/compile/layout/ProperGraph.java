package dev.baton.compile.layout;

import java.util.Arrays;

/**
 * The layered graph made "proper": an edge spanning several layers becomes a chain through one
 * dummy vertex per intermediate layer, so it owns a slot in each column and is routed through empty
 * space instead of through shapes. Vertices 0..realCount-1 are the main nodes.
 */
final class ProperGraph {

  final int realCount;
  final int vertexCount;
  final int layerCount;

  /** per vertex. */
  final int[] layer;

  /** per edge: its vertices in layering direction (reversed edges run target to source). */
  final int[][] chains;

  /** per vertex: neighbours one layer left / right, one entry per chain link. */
  final int[][] up;

  final int[][] down;

  /**
   * Parallel to {@link #up}: whether the link meets this vertex ({@code upLowHere}) or its
   * neighbour ({@code upLowThere}) at the bottom of the shape rather than at its side: flows of
   * boundary events and both ends of back edges, which the router draws through lanes under
   * their nodes. Crossing reduction counts such an end half a position lower.
   */
  final boolean[][] upLowHere;

  final boolean[][] upLowThere;

  /** Parallel to {@link #down}, as {@link #upLowHere} and {@link #upLowThere}. */
  final boolean[][] downLowHere;

  final boolean[][] downLowThere;

  /** per layer: vertices top to bottom; set by {@link CrossingReduction}. */
  int[][] order;

  ProperGraph(int n, int[] nodeLayer, int[] src, int[] tgt, boolean[] reversed, boolean[] self) {
    this(n, nodeLayer, src, tgt, reversed, self, new boolean[src.length]);
  }

  /** @param fromEvent per edge: it leaves a boundary event on its source's bottom */
  ProperGraph(int n, int[] nodeLayer, int[] src, int[] tgt, boolean[] reversed, boolean[] self,
      boolean[] fromEvent) {
    realCount = n;
    int m = src.length;
    int dummies = 0;
    for (int e = 0; e < m; e++) {
      if (!self[e]) {
        dummies += Math.abs(nodeLayer[tgt[e]] - nodeLayer[src[e]]) - 1;
      }
    }
    vertexCount = n + dummies;
    layer = Arrays.copyOf(nodeLayer, vertexCount);
    chains = new int[m][];
    int next = n;
    int[] upCount = new int[vertexCount];
    int[] downCount = new int[vertexCount];
    for (int e = 0; e < m; e++) {
      if (self[e]) {
        continue;
      }
      int a = reversed[e] ? tgt[e] : src[e];
      int b = reversed[e] ? src[e] : tgt[e];
      int span = nodeLayer[b] - nodeLayer[a];
      int[] chain = new int[span + 1];
      chain[0] = a;
      chain[span] = b;
      for (int j = 1; j < span; j++) {
        chain[j] = next;
        layer[next++] = nodeLayer[a] + j;
      }
      for (int j = 0; j < span; j++) {
        downCount[chain[j]]++;
        upCount[chain[j + 1]]++;
      }
      chains[e] = chain;
    }
    up = new int[vertexCount][];
    down = new int[vertexCount][];
    upLowHere = new boolean[vertexCount][];
    upLowThere = new boolean[vertexCount][];
    downLowHere = new boolean[vertexCount][];
    downLowThere = new boolean[vertexCount][];
    for (int v = 0; v < vertexCount; v++) {
      up[v] = new int[upCount[v]];
      down[v] = new int[downCount[v]];
      upLowHere[v] = new boolean[upCount[v]];
      upLowThere[v] = new boolean[upCount[v]];
      downLowHere[v] = new boolean[downCount[v]];
      downLowThere[v] = new boolean[downCount[v]];
      upCount[v] = 0;
      downCount[v] = 0;
    }
    for (int e = 0; e < m; e++) {
      int[] chain = chains[e];
      if (chain == null) {
        continue;
      }
      int last = chain.length - 2;
      for (int j = 0; j <= last; j++) {
        // a back edge leaves its source's bottom and enters its target's bottom (both ends of
        // its chain); a boundary event's flow leaves its host's bottom (the chain's start)
        boolean upperLow = j == 0 && (reversed[e] || fromEvent[e]);
        boolean lowerLow = j == last && reversed[e];
        int a = chain[j];
        int b = chain[j + 1];
        downLowHere[a][downCount[a]] = upperLow;
        downLowThere[a][downCount[a]] = lowerLow;
        down[a][downCount[a]++] = b;
        upLowHere[b][upCount[b]] = lowerLow;
        upLowThere[b][upCount[b]] = upperLow;
        up[b][upCount[b]++] = a;
      }
    }
    int max = -1;
    for (int v = 0; v < vertexCount; v++) {
      max = Math.max(max, layer[v]);
    }
    layerCount = max + 1;
  }

  boolean isDummy(int v) {
    return v >= realCount;
  }
}
