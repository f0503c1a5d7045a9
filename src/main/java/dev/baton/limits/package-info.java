/**
 * Limits on what callers send: the size of request bodies under {@code /api} (413), the JSON
 * parser's constraints (nesting, number and string length), run inputs, numeric ranges and
 * string lengths of API fields, and the {@link dev.baton.spec.SpecLimits} of specs. All
 * configurable as {@code baton.limits.*} ({@link dev.baton.limits.LimitsProperties}); every
 * refusal is problem+json naming the JSON path and the setting. Knows nothing of the engine.
 */
package dev.baton.limits;
