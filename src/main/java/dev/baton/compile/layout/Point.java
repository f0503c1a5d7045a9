package dev.baton.compile.layout;

public record Point(double x, double y) {}
