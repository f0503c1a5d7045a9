package dev.baton.compile.layout;

import java.util.ArrayDeque;
import java.util.Arrays;

/** Orders the vertices inside each layer to reduce edge crossings (barycenter sweeps). */
final class CrossingReduction {

  private static final int MAX_ITERATIONS = 16;
  private static final int PATIENCE = 3;
  /** Vertex visits allowed before iterations are cut (graphs with very many long edges). */
  private static final int WORK_BUDGET = 300_000;
  private static final int INDEX_BITS = 24;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

  private CrossingReduction() {}

  static void reduce(ProperGraph g) {
    int[][] order = initialOrder(g);
    int[] pos = new int[g.vertexCount];
    for (int[] layer : order) {
      for (int i = 0; i < layer.length; i++) {
        pos[layer[i]] = i;
      }
    }
    long best = crossings(g, order, pos);
    int[][] bestOrder = copy(order);
    int stale = 0;
    int iterations = Math.max(4, Math.min(MAX_ITERATIONS, WORK_BUDGET / g.vertexCount));
    for (int it = 0; it < iterations && best > 0 && stale < PATIENCE; it++) {
      for (int l = 1; l < order.length; l++) {
        sort(order[l], g.up, g.upLowThere, pos);
      }
      for (int l = order.length - 2; l >= 0; l--) {
        sort(order[l], g.down, g.downLowThere, pos);
      }
      long c = crossings(g, order, pos);
      if (c < best) {
        best = c;
        bestOrder = copy(order);
        stale = 0;
      } else {
        stale++;
      }
    }
    g.order = bestOrder;
  }

  /** Breadth-first from the sources in input order: connected vertices start out close. */
  private static int[][] initialOrder(ProperGraph g) {
    int[] size = new int[g.layerCount];
    for (int v = 0; v < g.vertexCount; v++) {
      size[g.layer[v]]++;
    }
    int[][] order = new int[g.layerCount][];
    for (int l = 0; l < g.layerCount; l++) {
      order[l] = new int[size[l]];
      size[l] = 0;
    }
    boolean[] seen = new boolean[g.vertexCount];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int root = 0; root < g.vertexCount; root++) {
        if (seen[root] || (pass == 0 && g.up[root].length > 0)) {
          continue;
        }
        seen[root] = true;
        queue.add(root);
        while (!queue.isEmpty()) {
          int v = queue.poll();
          order[g.layer[v]][size[g.layer[v]]++] = v;
          for (int w : g.down[v]) {
            if (!seen[w]) {
              seen[w] = true;
              queue.add(w);
            }
          }
        }
      }
    }
    return order;
  }

  /**
   * Stable sort of one layer by the mean position of its neighbours in the fixed layer. Keys are
   * packed with the current index into longs (fixed point, 1/1024 steps) so the sort is primitive
   * and ties keep their order: this runs once per layer per sweep, dummies included. A link that
   * meets its neighbour at the bottom ({@code low}) counts half a position lower: what a boundary
   * event leads to goes below what the side of its task leads to, and above the next shape's.
   */
  private static void sort(int[] layer, int[][] neighbours, boolean[][] low, int[] pos) {
    int k = layer.length;
    long[] keyed = new long[k];
    for (int i = 0; i < k; i++) {
      int[] nb = neighbours[layer[i]];
      double key;
      if (nb.length == 0) {
        key = i; // nothing pulls it: stay roughly where it is
      } else {
        double sum = 0;
        for (int j = 0; j < nb.length; j++) {
          sum += pos[nb[j]] + (low[layer[i]][j] ? 0.5 : 0);
        }
        key = sum / nb.length;
      }
      keyed[i] = (Math.round(key * 1024) << INDEX_BITS) | i;
    }
    Arrays.sort(keyed);
    int[] old = layer.clone();
    for (int i = 0; i < k; i++) {
      layer[i] = old[(int) (keyed[i] & INDEX_MASK)];
      pos[layer[i]] = i;
    }
  }

  /**
   * Crossings between all adjacent layers: inversions counted with a Fenwick tree. A shape has
   * two ports, its side and its bottom ({@link ProperGraph#downLowHere}): a vertex's links are
   * taken side first, and positions in the next layer are doubled to tell a shape's side (2i)
   * from its bottom (2i + 1), so that a bottom link running above a side link counts.
   */
  static long crossings(ProperGraph g, int[][] order, int[] pos) {
    long total = 0;
    long[] single = new long[1];
    for (int l = 0; l + 1 < order.length; l++) {
      int width = 2 * order[l + 1].length;
      int[] tree = new int[width + 1];
      int inserted = 0;
      for (int u : order[l]) {
        long[] targets;
        if (g.down[u].length == 1) { // most vertices are dummies with one link: skip the copy
          single[0] = end(g, u, 0, pos);
          targets = single;
        } else {
          targets = new long[g.down[u].length];
          for (int i = 0; i < targets.length; i++) {
            targets[i] = (g.downLowHere[u][i] ? 1L << 32 : 0) | end(g, u, i, pos);
          }
          Arrays.sort(targets);
        }
        for (long t : targets) {
          int p = (int) (t & 0xFFFF_FFFFL);
          int atMost = 0;
          for (int i = p + 1; i > 0; i -= i & -i) {
            atMost += tree[i];
          }
          total += inserted - atMost;
          for (int i = p + 1; i <= width; i += i & -i) {
            tree[i]++;
          }
          inserted++;
        }
      }
    }
    return total;
  }

  /** Where a link ends in the next layer: 2 x position, + 1 at the shape's bottom. */
  private static int end(ProperGraph g, int u, int i, int[] pos) {
    return 2 * pos[g.down[u][i]] + (g.downLowThere[u][i] ? 1 : 0);
  }

  private static int[][] copy(int[][] order) {
    int[][] c = new int[order.length][];
    for (int i = 0; i < order.length; i++) {
      c[i] = order[i].clone();
    }
    return c;
  }
}
