package dev.baton.compile.layout;

/**
 * Where an edge leaves its source and enters its target: the y on the source's side (or of the
 * turn after a corner exit), the y on the target's side, and which corner of a compact source
 * it leaves by.
 */
record Port(double startY, double endY, Exit exit) {

  /** The point of a compact shape (gateway, event) an edge leaves by. */
  enum Exit {
    /** The top corner; the edge turns right above the shape. */
    TOP,
    /** The side (for compact shapes, the right corner). */
    SIDE,
    /** The bottom corner; the edge turns right below the shape. */
    BOTTOM
  }
}
