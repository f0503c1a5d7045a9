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

  /** per layer: vertices top to bottom; set by {@link CrossingReduction}. */
  int[][] order;

  ProperGraph(int n, int[] nodeLayer, int[] src, int[] tgt, boolean[] reversed, boolean[] self) {
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
    for (int v = 0; v < vertexCount; v++) {
      up[v] = new int[upCount[v]];
      down[v] = new int[downCount[v]];
      upCount[v] = 0;
      downCount[v] = 0;
    }
    for (int[] chain : chains) {
      if (chain != null) {
        for (int j = 0; j + 1 < chain.length; j++) {
          down[chain[j]][downCount[chain[j]]++] = chain[j + 1];
          up[chain[j + 1]][upCount[chain[j + 1]]++] = chain[j];
        }
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
