package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A recorded entry of the audit log, as {@code GET /api/audit} shows it.
 *
 * @param seq its place in the chain, from 1 without gaps
 * @param prevHash the hash of entry {@code seq - 1} (64 zeros for the first)
 * @param hash SHA-256 over this entry's fields and {@code prevHash} ({@link AuditHash})
 */
record AuditEntry(
    long seq,
    Instant occurredAt,
    String action,
    String actor,
    String tenantId,
    String resourceType,
    String resourceId,
    String runId,
    JsonNode details,
    String prevHash,
    String hash) {}
