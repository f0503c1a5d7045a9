package dev.baton.compile.layout;

/** A waypoint in diagram coordinates (x to the right, y down). */
public record Point(double x, double y) {}
