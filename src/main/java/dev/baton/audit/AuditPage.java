package dev.baton.audit;

import java.util.List;

/** One page of entries, newest first, and how many match in all. */
public record AuditPage(List<AuditEntry> entries, int page, int size, long total) {}
