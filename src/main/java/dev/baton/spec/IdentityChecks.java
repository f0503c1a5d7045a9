package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Role and user ids that become candidate groups and users of user tasks: the budget override
 * policy in the metadata, and the ids any other check hands over.
 */
final class IdentityChecks {

  private final CheckContext ctx;

  IdentityChecks(CheckContext ctx) {
    this.ctx = ctx;
  }

  /** A budget override policy must name someone, and only ids Camunda can take safely. */
  void budgetOverride() {
    Metadata metadata = ctx.bound().metadata();
    BudgetOverride policy = metadata == null ? null : metadata.budgetOverride();
    if (policy != null && policy.roles().isEmpty() && policy.approvers().isEmpty()) {
      ctx.error("$.metadata.budget_override", "budget_override names nobody who may approve a "
              + "raise", "add \"required_role\": \"TenantAdmin\" or \"approvers\": [\"alice\"]");
    }
    JsonNode raw = ctx.root().path("metadata").path("budget_override");
    check(raw.get("required_role"), "$.metadata.budget_override.required_role", "role");
    check(raw.get("approvers"), "$.metadata.budget_override.approvers", "user");
  }

  /**
   * Role and user ids become candidate groups and users of a user task, which Camunda reads
   * as expressions: only ids of the safe pattern pass (a string of several roles is split at
   * commas, as the gate does).
   */
  void check(JsonNode value, String path, String kind) {
    if (value == null) {
      return;
    }
    if (value.isTextual()) {
      // blank parts are dropped, as the gate does; naming nobody at all is reported apart
      for (String part : value.asText().split(",", -1)) {
        if (!part.isBlank()) {
          identity(part.strip(), path, kind);
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        if (value.get(i).isTextual()) {
          identity(value.get(i).asText(), JsonPaths.index(path, i), kind);
        }
      }
    }
  }

  private void identity(String id, String path, String kind) {
    String problem = IdentityIds.problem(id);
    if (problem != null) {
      ctx.error(path, kind + " id " + TextRules.shown(id) + " " + problem,
          "Camunda group and user ids match "
              + IdentityIds.PATTERN_TEXT + " (at most " + IdentityIds.MAX_LENGTH
              + " characters), e.g. '" + IdentityIds.suggest(id) + "'");
    }
  }
}
