/**
 * Agent bundles (seed 000's "Agent Marketplace", issue 17 part 5): a directory or zip holding
 * {@code manifest.json}, {@code prompts/}, {@code tools.json}, {@code policies.json}, {@code
 * tests/} and {@code docs/}. A bundle is read safely ({@link dev.baton.bundle.ZipReader}),
 * checked as a whole ({@link dev.baton.bundle.BundleScanner}: schema, tools, secrets,
 * placeholders, version, every finding at once), stored as {@code pending} per tenant (Flyway
 * V15, {@link dev.baton.bundle.BundleStore}), and installed only when an operator other than
 * its submitter approves it ({@link dev.baton.bundle.BundleService}): its agent registered,
 * tools assigned and prompts written as templates. Its test cases run against the simulated
 * model through Baton's model stack ({@link dev.baton.bundle.BundleTestRunner}). See
 * docs/bundles.md.
 */
@EngineSide
package dev.baton.bundle;

import dev.baton.EngineSide;
