package dev.baton.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over a canonical encoding of its fields, in this order:
 * seq, occurred_at (ISO-8601 UTC, milliseconds), action, actor, tenant_id, resource_type,
 * resource_id, run_id, details (the stored JSON text), prev_hash. Each field is written as its
 * length in UTF-8 bytes, a colon and its UTF-8 bytes; a null field as a single {@code -}. The
 * lengths make the encoding unambiguous (no field can pass for the start of the next), and the
 * rule is simple enough to check the chain outside Baton (docs/security.md).
 */
final class AuditHash {

  /** The previous hash of the first entry. */
  static final String GENESIS = "0".repeat(64);

  private AuditHash() {}

  static String of(long seq, Instant occurredAt, String action, String actor, String tenantId,
      String resourceType, String resourceId, String runId, String details, String prevHash) {
    StringBuilder canonical = new StringBuilder(256);
    for (String field : new String[] {Long.toString(seq), timestamp(occurredAt), action, actor,
        tenantId, resourceType, resourceId, runId, details, prevHash}) {
      if (field == null) {
        canonical.append('-');
      } else {
        canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':')
            .append(field);
      }
    }
    return HexFormat.of().formatHex(sha256().digest(
        canonical.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Entries keep milliseconds: what both H2 and PostgreSQL store exactly. */
  static Instant truncate(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  static String timestamp(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(truncate(at));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
