package dev.baton.compile.layout;

/**
 * What edge routing starts from: the graph with its dummy chains, the reserved frames and lanes,
 * which edges were reversed to break cycles, the placed shapes, each vertex's y and the columns.
 */
record Placement(
    IndexedGraph g,
    ProperGraph pg,
    NodeFrames frames,
    boolean[] reversed,
    Bounds[] bounds,
    double[] vy,
    Columns columns) {

  /** The shape of main vertex {@code v}. */
  Bounds main(int v) {
    return bounds[g.mainNodes[v]];
  }

  /** The y of a lane reserved under main vertex {@code v} (for back edges and event flows). */
  double laneY(int v, int lane) {
    return main(v).maxY() + frames.eventDrop[v] + NodeFrames.LANE_GAP * (lane + 1);
  }

  /** Whether edge {@code e} runs left to right: neither a self-loop nor reversed. */
  boolean forward(int e) {
    return !g.self[e] && !reversed[e];
  }
}
