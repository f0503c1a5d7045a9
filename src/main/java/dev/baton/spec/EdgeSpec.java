package dev.baton.spec;

/**
 * An explicit edge. {@code condition} is never null: an edge without one is taken on {@link
 * Outcome#SUCCESS} (or {@link Outcome#APPROVED} after a gate, {@link Outcome#DEFAULT} after a
 * condition node), which the binder fills in.
 */
public record EdgeSpec(String from, String to, EdgeCondition condition) {}
