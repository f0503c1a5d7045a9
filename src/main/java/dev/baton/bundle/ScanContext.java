package dev.baton.bundle;

import java.util.Set;

/**
 * What a scan checks a bundle against: the installation, not the bundle.
 *
 * @param tools the tool catalogue's slugs (GET /api/tools)
 * @param deniedTools tools no bundle may be granted ({@code baton.bundles.denied-tools})
 * @param runningVersion this Baton's version, compared with {@code min_baton_version}
 * @param models the model catalogue's names; empty: not checked
 * @param agentTypes the agent types a manifest may name
 */
public record ScanContext(Set<String> tools, Set<String> deniedTools, String runningVersion,
    Set<String> models, Set<String> agentTypes) {}
