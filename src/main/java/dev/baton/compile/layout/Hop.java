package dev.baton.compile.layout;

/**
 * One vertical run of an edge inside a gap, from the height it arrives at to the height it
 * leaves at; its x is assigned once every run in the gap is known.
 */
final class Hop {
  final int edge;
  final int gap;
  final double from;
  final double to;
  final boolean leftward;
  double x;

  Hop(int edge, int gap, double from, double to, boolean leftward) {
    this.edge = edge;
    this.gap = gap;
    this.from = from;
    this.to = to;
    this.leftward = leftward;
  }

  double left() {
    return leftward ? to : from;
  }

  double right() {
    return leftward ? from : to;
  }

  /** Whether the run has a length at all (a run at one height is no vertical step). */
  boolean moves() {
    return from != to;
  }
}
