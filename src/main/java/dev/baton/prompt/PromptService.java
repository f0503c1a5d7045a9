package dev.baton.prompt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.InvalidFieldException;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import dev.baton.spec.TextRules;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The templates as the API serves them, with the tenancy of agents: a caller sees their
 * tenants' templates and the shared ones; a new template goes to the caller's tenant, or is
 * shared when an administrator names no tenant; shared templates (those seeded from files)
 * change only by administrators; a name another tenant uses is refused as taken.
 */
@Service
public class PromptService {

  /** Characters of one version's text (the column holds 1,000,000). */
  public static final int MAX_TEXT = 100_000;

  private final PromptStore store;
  private final AuditLog audit;

  PromptService(PromptStore store, AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  /** A template, its latest text and the list of its versions (without their texts). */
  public record Detail(PromptSummary summary, PromptVersion latest, List<PromptVersion> versions) {}

  /** @param changed false when the text was the latest version's already: nothing written */
  public record Written(PromptVersion version, String tenantId, boolean changed) {}

  public List<PromptSummary> list(Caller caller) {
    return store.list().stream().filter(p -> caller.sees(p.tenantId())).toList();
  }

  public Detail get(Caller caller, String name) {
    PromptSummary summary = find(caller, name);
    List<PromptVersion> versions = store.versions(summary.name());
    return new Detail(summary, versions.get(0), versions);
  }

  public PromptVersion version(Caller caller, String name, int version) {
    PromptSummary summary = find(caller, name);
    return store.version(summary.name(), version).orElseThrow(() -> new NotFoundException(
        "prompt template '" + summary.name() + "' has no version " + version + "; its latest is "
            + summary.latestVersion()));
  }

  /**
   * Writes a new version (the first one of a new template). The same text as the latest
   * version writes nothing, as deploying an unchanged spec creates no workflow version.
   *
   * @param requestedTenant the tenant of a new template, for a user of several; an existing
   *     template keeps its owner
   */
  public Written put(Caller caller, String name, String text, String requestedTenant) {
    checkName(name);
    if (text == null || text.isBlank()) {
      throw new BadRequestException("the template's text is required: send it as the body "
          + "(Content-Type text/plain or text/markdown) or as {\"text\": \"...\"}");
    }
    if (text.length() > MAX_TEXT) {
      throw new InvalidFieldException("$.text", "text is " + text.length()
          + " characters long; the limit is " + MAX_TEXT, "shorten the template");
    }
    String bad = TextRules.unstorable(text);
    if (bad != null) {
      throw new InvalidFieldException("$.text", "text contains " + bad,
          "remove it; tabs and line breaks are fine");
    }
    java.util.Optional<PromptSummary> existing = store.summary(name);
    String owner;
    if (existing.isPresent()) {
      owner = changeable(caller, existing.get());
    } else {
      owner = caller.isAdmin() && (requestedTenant == null || requestedTenant.isBlank()) ? null
          : caller.tenantFor(requestedTenant, null);
    }
    PromptVersion latest = store.latest(name).orElse(null);
    if (latest != null && latest.text().equals(text)) {
      return new Written(latest, owner, false);
    }
    // empty: another tenant created the name since it was looked up
    PromptVersion written = store.add(name, owner, text, PromptStore.SOURCE_API,
        caller.userId(), null).orElseThrow(() -> new ConflictException("prompt name '" + name
            + "' is taken; choose another"));
    audit.append(new AuditEvent(latest == null ? "prompt.created" : "prompt.updated", null,
        owner, "prompt", name, null, JsonNodeFactory.instance.objectNode()
            .put("version", written.version()).put("characters", text.length())));
    return new Written(written, owner, true);
  }

  /** The owner of an existing template, if the caller may add a version to it. */
  private static String changeable(Caller caller, PromptSummary existing) {
    if (!caller.sees(existing.tenantId())) {
      throw new ConflictException("prompt name '" + existing.name() + "' is taken; choose "
          + "another");
    }
    if (existing.tenantId() == null && !caller.isAdmin()) {
      throw new ForbiddenException("prompt template '" + existing.name() + "' is shared with "
          + "every tenant; only an administrator may change it. Create your own under another "
          + "name");
    }
    return existing.tenantId();
  }

  /** A template the caller sees; another tenant's is as absent as one that never was. */
  private PromptSummary find(Caller caller, String name) {
    checkName(name);
    return store.summary(name).filter(p -> caller.sees(p.tenantId()))
        .orElseThrow(() -> new NotFoundException("no prompt template '" + name
            + "'; GET /api/prompts lists them"));
  }

  private static void checkName(String name) {
    if (!PromptNames.valid(name)) {
      throw new BadRequestException("prompt name '" + name + "' is not valid: "
          + PromptNames.rule());
    }
  }
}
