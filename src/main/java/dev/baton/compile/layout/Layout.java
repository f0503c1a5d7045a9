package dev.baton.compile.layout;

import java.util.List;
import java.util.Map;

/**
 * Coordinates for a {@link LayoutGraph}, every map keyed by id in input order.
 *
 * @param nodes bounds of every node, boundary events included
 * @param edges orthogonal waypoints of every edge, from the source's border to the target's
 * @param labels bounds of every external node label and every edge label
 */
public record Layout(
    Map<String, Bounds> nodes, Map<String, List<Point>> edges, Map<String, Bounds> labels) {}
