package dev.baton.prompt;

import java.time.Instant;

/**
 * One version of a stored template; never changed once written.
 *
 * @param source {@code file} (seeded from {@code processes/prompts/}) or {@code api}
 * @param createdBy the user who wrote it through the API; null for a seeded file
 */
public record PromptVersion(String name, int version, String text, String source,
    String createdBy, Instant createdAt) {}
