package dev.baton.compile.layout;

import java.util.Arrays;

/**
 * Vertical centers for the ordered layers. Each sweep asks every vertex to sit at the median of its
 * neighbours in the layer just placed, then finds the closest placement that keeps the layer order
 * and the minimum gaps (weighted isotonic regression, pool-adjacent-violators, O(n) per layer). A
 * chain thus ends up on one horizontal line and a fork spreads evenly around its source, with no
 * overlap possible.
 */
final class CoordinateAssignment {

  static final double NODE_GAP = 40;
  static final double DUMMY_GAP = 24;
  static final double DUMMY_DUMMY_GAP = 14;
  private static final int SWEEPS = 8;
  /** Vertex visits allowed before sweeps are cut (graphs with very many long edges). */
  private static final int WORK_BUDGET = 250_000;
  private static final double DUMMY_WEIGHT = 4;
  private static final double FREE_WEIGHT = 0.05;

  private CoordinateAssignment() {}

  /**
   * @param above extent of each vertex above its center (0 for dummies)
   * @param below extent of each vertex below its center
   * @return whole-number centers; the topmost extent is at 0
   */
  static double[] verticalCenters(ProperGraph g, double[] above, double[] below) {
    double[] y = new double[g.vertexCount];
    for (int[] layer : g.order) {
      double at = 0;
      for (int i = 0; i < layer.length; i++) {
        at += i == 0 ? above[layer[0]] : separation(g, layer[i - 1], layer[i], above, below);
        y[layer[i]] = at;
      }
    }
    int sweeps = Math.max(2, Math.min(SWEEPS, WORK_BUDGET / g.vertexCount));
    for (int sweep = 0; sweep < sweeps; sweep++) {
      for (int l = 1; l < g.layerCount; l++) {
        place(g, g.order[l], g.up, y, above, below);
      }
      for (int l = g.layerCount - 2; l >= 0; l--) {
        place(g, g.order[l], g.down, y, above, below);
      }
    }
    // Whole numbers without breaking a gap: round, then push down where rounding squeezed.
    double top = Double.POSITIVE_INFINITY;
    for (int[] layer : g.order) {
      for (int i = 0; i < layer.length; i++) {
        int v = layer[i];
        y[v] = Math.round(y[v]);
        if (i > 0) {
          double min = y[layer[i - 1]] + Math.ceil(separation(g, layer[i - 1], v, above, below));
          y[v] = Math.max(y[v], min);
        }
        top = Math.min(top, y[v] - above[v]);
      }
    }
    double shift = -Math.floor(top);
    for (int v = 0; v < y.length; v++) {
      y[v] += shift;
    }
    return y;
  }

  private static double separation(
      ProperGraph g, int upper, int lower, double[] above, double[] below) {
    boolean d1 = g.isDummy(upper);
    boolean d2 = g.isDummy(lower);
    double gap = d1 && d2 ? DUMMY_DUMMY_GAP : d1 || d2 ? DUMMY_GAP : NODE_GAP;
    return below[upper] + gap + above[lower];
  }

  private static void place(
      ProperGraph g, int[] layer, int[][] neighbours, double[] y, double[] above, double[] below) {
    int k = layer.length;
    double[] target = new double[k];
    double[] weight = new double[k];
    double[] offset = new double[k];
    for (int i = 0; i < k; i++) {
      int v = layer[i];
      offset[i] = i == 0 ? 0 : offset[i - 1] + separation(g, layer[i - 1], v, above, below);
      int[] nb = neighbours[v];
      double desired;
      if (nb.length == 0) {
        desired = y[v];
        weight[i] = FREE_WEIGHT;
      } else {
        desired = median(g, v, nb, y);
        weight[i] = g.isDummy(v) ? DUMMY_WEIGHT : 1; // long edges want to stay straight
      }
      target[i] = desired - offset[i];
    }
    // Pool adjacent violators: the non-decreasing z closest to target; y = z + offset.
    double[] blockValue = new double[k];
    double[] blockWeight = new double[k];
    int[] blockStart = new int[k];
    int blocks = 0;
    for (int i = 0; i < k; i++) {
      blockValue[blocks] = target[i];
      blockWeight[blocks] = weight[i];
      blockStart[blocks] = i;
      blocks++;
      while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
        double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
        blockValue[blocks - 2] =
            (blockValue[blocks - 2] * blockWeight[blocks - 2]
                    + blockValue[blocks - 1] * blockWeight[blocks - 1])
                / w;
        blockWeight[blocks - 2] = w;
        blocks--;
      }
    }
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? blockStart[b + 1] : k;
      for (int i = blockStart[b]; i < end; i++) {
        y[layer[i]] = blockValue[b] + offset[i];
      }
    }
  }

  /**
   * Median of the neighbours' centers. A real node looks only at its real neighbours when it has
   * any, so a long edge bends around a chain instead of pulling the chain off its line.
   */
  private static double median(ProperGraph g, int v, int[] neighbours, double[] y) {
    if (neighbours.length == 1) {
      return y[neighbours[0]];
    }
    double[] values = new double[neighbours.length];
    int count = 0;
    boolean realOnly = false;
    if (!g.isDummy(v)) {
      for (int w : neighbours) {
        realOnly |= !g.isDummy(w);
      }
    }
    for (int w : neighbours) {
      if (!realOnly || !g.isDummy(w)) {
        values[count++] = y[w];
      }
    }
    values = Arrays.copyOf(values, count);
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** Left edge of each column: columns as wide as their widest footprint, then the gap. */
  static double[] columnStarts(double[] columnWidth, double[] gapWidth, double start) {
    double[] x = new double[columnWidth.length];
    double at = start;
    for (int l = 0; l < x.length; l++) {
      x[l] = at;
      at += columnWidth[l] + (l < gapWidth.length ? gapWidth[l] : 0);
    }
    return x;
  }
}
