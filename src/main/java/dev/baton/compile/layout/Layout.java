package dev.baton.compile.layout;

import java.util.List;
import java.util.Map;

public record Layout(Map<String, Bounds> nodes, Map<String, List<Point>> edges, Map<String, Bounds> labels) {}
