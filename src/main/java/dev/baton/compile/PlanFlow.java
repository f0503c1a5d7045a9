package dev.baton.compile;

/**
 * A sequence flow the compiler will emit.
 *
 * @param condition JUEL condition expression, or null
 * @param isDefault whether this is its gateway's default flow
 */
record PlanFlow(
    String id, String source, String target, String name, String condition, boolean isDefault) {}
