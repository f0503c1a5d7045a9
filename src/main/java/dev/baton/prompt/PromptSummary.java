package dev.baton.prompt;

import java.time.Instant;

/**
 * A stored template and its latest version.
 *
 * @param tenantId the tenant that owns it; null when it is shared with every tenant
 * @param source where the latest version came from ({@code file} or {@code api})
 * @param updatedAt when the latest version was written
 */
public record PromptSummary(String name, String tenantId, int latestVersion, String source,
    Instant updatedAt) {}
