package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An approval gate's settings, read from its (checked) config: who decides, how long they
 * have, what happens then, how it escalates, and the criteria a decision must meet.
 *
 * @param timeout ISO 8601 duration after which the gate is decided by the system, if any; always
 *     as {@link Duration#toString()} writes it, never the spec's text
 * @param approveOnTimeout {@code on_timeout: "approve"}; the default is to deny
 * @param maxChangeRounds how often {@code request_changes} may send the work back
 */
public record GateConfig(
    List<String> roles,
    List<String> approvers,
    Optional<String> timeout,
    boolean approveOnTimeout,
    List<Level> levels,
    boolean requireJustification,
    boolean twoPersonRule,
    Set<String> allowedActions,
    int maxChangeRounds) {

  public static final String APPROVE = "approve";
  public static final String REJECT = "reject";
  public static final String REQUEST_CHANGES = "request_changes";

  /**
   * One escalation level: after {@code after} the level's assignees (user or group ids) become
   * candidates and the channels are notified.
   */
  public record Level(int number, Duration after, List<String> assignees, List<String> channels) {

    public String iso() {
      return after.toString();
    }
  }

  public static GateConfig of(JsonNode config) {
    JsonNode criteria = config.path("approval_criteria");
    Set<String> actions = new LinkedHashSet<>();
    criteria.path("allowed_actions").forEach(a -> actions.add(a.asText()));
    if (actions.isEmpty()) {
      actions.add(APPROVE);
      actions.add(REJECT);
    }
    List<Level> levels = new ArrayList<>();
    JsonNode policy = config.path("escalation_policy").path("levels");
    for (int i = 0; i < policy.size(); i++) {
      JsonNode level = policy.get(i);
      levels.add(new Level(i + 1, hours(level.path("after_hours").asDouble()),
          strings(level.path("assignees")), strings(level.path("channels"))));
    }
    // parsed and written again: the text of the spec never reaches a timer definition
    Optional<String> timeout = config.hasNonNull("timeout")
        ? Optional.of(duration(config.get("timeout").asText()).toString())
        : config.hasNonNull("timeout_hours")
            ? Optional.of(hours(config.get("timeout_hours").asDouble()).toString())
            : Optional.empty();
    return new GateConfig(
        stringOrList(config.path("required_role")),
        strings(config.path("approvers")),
        timeout,
        "approve".equals(config.path("on_timeout").asText()),
        List.copyOf(levels),
        criteria.path("require_justification").asBoolean(false),
        criteria.path("require_two_person_rule").asBoolean(false),
        java.util.Collections.unmodifiableSet(actions),
        config.path("max_iterations").asInt(3));
  }

  public boolean allows(String action) {
    return allowedActions.contains(action);
  }

  public Optional<Duration> timeoutDuration() {
    return timeout.map(Duration::parse);
  }

  private static Duration duration(String iso) {
    try {
      return Duration.parse(iso);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("gate timeout is not an ISO 8601 duration", e);
    }
  }

  private static Duration hours(double hours) {
    return Duration.ofSeconds(Math.round(hours * 3600));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }

  private static List<String> stringOrList(JsonNode value) {
    if (value.isTextual()) {
      List<String> values = new ArrayList<>();
      for (String part : value.asText().split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
      return List.copyOf(values);
    }
    return strings(value);
  }
}
