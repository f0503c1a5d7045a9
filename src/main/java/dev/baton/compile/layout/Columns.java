package dev.baton.compile.layout;

/**
 * The columns of a layered layout: where each starts and how wide it is. Gap {@code l} is the
 * free band between column {@code l} and column {@code l + 1}, where vertical runs and edge
 * labels go.
 */
record Columns(double[] start, double[] width) {

  /** The left end of gap {@code gap}: the right border of the column to its left. */
  double gapStart(int gap) {
    return start[gap] + width[gap];
  }

  /** The right end of gap {@code gap}: the left border of the column to its right. */
  double gapEnd(int gap) {
    return start[gap + 1];
  }
}
