package dev.baton.api;

import dev.baton.audit.AuditFilter;
import dev.baton.audit.AuditPage;
import dev.baton.audit.AuditReader;
import dev.baton.audit.AuditVerifier;
import dev.baton.problem.BadRequestException;
import dev.baton.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log: entries by filter, and a check of its hash chain (docs/security.md). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  private static final int MAX_SIZE = 500;

  private final AuditReader reader;
  private final AuditVerifier verifier;

  AuditController(AuditReader reader, AuditVerifier verifier) {
    this.reader = reader;
    this.verifier = verifier;
  }

  @GetMapping
  @Operation(summary = "List audit entries", description = "Newest first, of the caller's "
      + "tenants (administrators: all, with entries of no tenant). Filters: action, "
      + "actor, tenant, run, resource (an id), resource_type, from and to (ISO-8601 instant or "
      + "date, UTC; from inclusive, to exclusive); page (from 0) and size (1-500, default 50).")
  AuditPage list(
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String run,
      @RequestParam(required = false) String resource,
      @RequestParam(name = "resource_type", required = false) String resourceType,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size, Caller caller) {
    int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE);
    int pageSize = number("size", size, 50, 1, MAX_SIZE);
    return reader.list(new AuditFilter(action, actor, tenant, run, resourceType, resource,
        instant("from", from), instant("to", to), caller.isAdmin() ? null : caller.tenants()),
        pageNumber, pageSize);
  }

  @GetMapping("/verify")
  @Operation(summary = "Verify the audit log", description = "Walks the hash chain from the "
      + "first entry and reports the first broken link (which entry, what was expected, what "
      + "was found), or that it is intact with the number of entries and the head's hash.")
  AuditVerifier.Verification verify() {
    return verifier.verify();
  }

  private static int number(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("query parameter '" + name + "' must be a whole number "
        + "from " + min + " to " + max + " (got '" + value + "')");
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("query parameter '" + name + "' must be an ISO-8601 "
          + "instant such as 2026-12-01T09:30:00Z, or a date such as 2026-12-01 (got '"
          + value + "')");
    }
  }
}
