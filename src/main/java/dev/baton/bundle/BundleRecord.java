package dev.baton.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A stored bundle as {@code GET /api/bundles/{id}} shows it.
 *
 * @param state {@code pending}, {@code installed}, {@code rejected}, {@code superseded} (a
 *     newer version was installed) or {@code uninstalled}
 * @param scanReport {@code {"errors": [...], "warnings": [...]}} as found at submission
 * @param testReport the last test run's report, or null when the tests never ran
 * @param reason why it was rejected (or the approver's note), or null
 * @param uninstalledBy who uninstalled it, or null while it was not
 */
public record BundleRecord(long id, String tenantId, String name, String version, String state,
    String sha256, JsonNode manifest, JsonNode scanReport, JsonNode testReport,
    String submittedBy, Instant submittedAt, String decidedBy, Instant decidedAt,
    String reason, String uninstalledBy, Instant uninstalledAt, String uninstallReason) {

  public static final String PENDING = "pending";
  public static final String INSTALLED = "installed";
  public static final String REJECTED = "rejected";
  public static final String SUPERSEDED = "superseded";
  public static final String UNINSTALLED = "uninstalled";
}
