package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The config of an approval_gate: who approves, timeouts, escalation levels and the criteria of
 * a decision.
 */
final class ApprovalConfigChecks {

  private final CheckContext ctx;
  private final ConfigFields fields;
  private final IdentityChecks identities;

  ApprovalConfigChecks(CheckContext ctx) {
    this.ctx = ctx;
    this.fields = new ConfigFields(ctx);
    this.identities = new IdentityChecks(ctx);
  }

  void check(NodeSpec node, String path) {
    ObjectNode config = node.config();
    fields.expect(
        config,
        path,
        "required_role",
        v -> v.isTextual() || ConfigFields.isStringArray(v),
        "a string or an array of strings");
    fields.expect(config, path, "approvers", ConfigFields::isStringArray, "an array of user ids");
    identities.check(config.get("required_role"), JsonPaths.field(path, "required_role"), "role");
    identities.check(config.get("approvers"), JsonPaths.field(path, "approvers"), "user");
    if (!ConfigFields.given(config.get("required_role")) && !ConfigFields.given(config.get("approvers"))) {
      ctx.error(
          path,
          "approval_gate '" + node.id() + "' names no approver: neither required_role nor"
              + " approvers is given",
          "add \"required_role\": \"TenantAdmin\" or \"approvers\": [\"alice\"] to its config");
    }
    fields.expect(config, path, "timeout_hours", v -> v.isNumber() && v.asDouble() > 0, "a number > 0");
    JsonNode timeout = config.get("timeout");
    if (timeout != null) {
      if (!timeout.isTextual() || !isDuration(timeout.asText())) {
        ctx.error(
            JsonPaths.field(path, "timeout"),
            "timeout " + JsonSchemaCheck.describeValue(timeout)
                + " is not an ISO 8601 duration",
            "write e.g. \"PT24H\" (24 hours), \"PT30M\" (30 minutes) or \"P2D\" (2 days)");
      }
      if (config.has("timeout_hours")) {
        ctx.error(
            path,
            "approval_gate '" + node.id() + "' gives both timeout_hours and timeout",
            "keep one of them");
      }
    }
    fields.expect(config, path, "on_timeout",
        v -> v.isTextual() && List.of("deny", "approve").contains(v.asText()),
        "\"deny\" (the default) or \"approve\"");
    fields.positiveInteger(config, path, "max_iterations");
    escalationPolicy(node, config, path);
    approvalCriteria(config, path);
  }

  private void escalationPolicy(NodeSpec node, ObjectNode config, String path) {
    JsonNode policy = config.get("escalation_policy");
    if (policy == null) {
      return;
    }
    String policyPath = JsonPaths.field(path, "escalation_policy");
    JsonNode levels = policy.get("levels");
    if (!policy.isObject() || levels == null || !levels.isArray() || levels.isEmpty()) {
      ctx.error(policyPath, "escalation_policy needs a non-empty array 'levels'",
          "write {\"levels\": [{\"after_hours\": 4, \"assignees\": [\"devops-lead\"], "
              + "\"channels\": [\"log\"]}]}");
      return;
    }
    double previous = 0;
    for (int i = 0; i < levels.size(); i++) {
      JsonNode level = levels.get(i);
      String levelPath = policyPath + ".levels[" + i + "]";
      if (!level.isObject()) {
        ctx.error(levelPath, "an escalation level must be an object", "see docs/approvals.md");
        continue;
      }
      JsonNode after = level.get("after_hours");
      if (after == null || !after.isNumber() || after.asDouble() <= 0) {
        ctx.error(JsonPaths.field(levelPath, "after_hours"),
            "escalation level " + (i + 1) + " of '" + node.id() + "' needs after_hours > 0",
            "hours after the approval task was created, e.g. \"after_hours\": 4");
      } else {
        if (after.asDouble() <= previous) {
          ctx.warning(JsonPaths.field(levelPath, "after_hours"),
              "escalation level " + (i + 1) + " fires no later than level " + i,
              "order the levels by after_hours");
        }
        previous = after.asDouble();
      }
      JsonNode assignees = level.get("assignees");
      JsonNode channels = level.get("channels");
      if ((assignees == null || !ConfigFields.isStringArray(assignees) || assignees.isEmpty())
          && (channels == null || channels.isEmpty())) {
        ctx.error(levelPath, "escalation level " + (i + 1) + " of '" + node.id()
                + "' adds no assignees and notifies no channel",
            "give \"assignees\" (users or groups) and/or \"channels\"");
      }
      if (assignees != null && !ConfigFields.isStringArray(assignees)) {
        ctx.error(JsonPaths.field(levelPath, "assignees"),
            "assignees must be an array of user or group ids", "e.g. [\"devops-lead\", \"bob\"]");
      } else if (assignees != null) {
        identities.check(assignees, JsonPaths.field(levelPath, "assignees"), "user or group");
      }
      if (channels != null && !ConfigFields.isStringArray(channels)) {
        ctx.error(JsonPaths.field(levelPath, "channels"),
            "channels must be an array of channel names", "e.g. [\"log\", \"slack\"]");
      }
    }
  }

  private void approvalCriteria(ObjectNode config, String path) {
    JsonNode criteria = config.get("approval_criteria");
    if (criteria == null) {
      return;
    }
    String criteriaPath = JsonPaths.field(path, "approval_criteria");
    if (!criteria.isObject()) {
      ctx.error(criteriaPath, "approval_criteria must be an object",
          "e.g. {\"require_justification\": true}");
      return;
    }
    for (String flag : List.of("require_justification", "require_two_person_rule")) {
      JsonNode value = criteria.get(flag);
      if (value != null && !value.isBoolean()) {
        ctx.error(JsonPaths.field(criteriaPath, flag), flag + " must be true or false",
            "write \"" + flag + "\": true");
      }
    }
    JsonNode actions = criteria.get("allowed_actions");
    if (actions != null) {
      List<String> allowed = List.of("approve", "reject", "request_changes");
      if (!ConfigFields.isStringArray(actions) || actions.isEmpty()) {
        ctx.error(JsonPaths.field(criteriaPath, "allowed_actions"),
            "allowed_actions must be a non-empty array", "choose from " + allowed);
        return;
      }
      for (int i = 0; i < actions.size(); i++) {
        if (!allowed.contains(actions.get(i).asText())) {
          ctx.error(JsonPaths.field(criteriaPath, "allowed_actions") + "[" + i + "]",
              "unknown action '" + actions.get(i).asText() + "'"
                  + DidYouMean.suffix(actions.get(i).asText(), allowed),
              "choose from " + allowed);
        }
      }
    }
  }

  private static boolean isDuration(String text) {
    try {
      return !Duration.parse(text).isNegative() && !Duration.parse(text).isZero();
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
