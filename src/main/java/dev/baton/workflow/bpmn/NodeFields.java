package dev.baton.workflow.bpmn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.compile.ModelerTemplates;
import dev.baton.contract.BpmnConventions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The element templates' readable fields, read back into a spec node: each field the analyst
 * changed (compared with the base element) overrides the same setting of the node, and a new
 * element's fields make a new node's settings. The inverse of {@code ModelerTemplates}.
 */
final class NodeFields {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** {@code PT4H: devops-lead, carol (notify log, slack)}, as ModelerTemplates writes it. */
  private static final Pattern LEVEL =
      Pattern.compile("\\s*(P[0-9A-Z.]+)\\s*:\\s*([^()]*?)\\s*(?:\\(notify\\s+([^()]*)\\))?\\s*");

  private final Refusals refusals;
  private final List<Edit> applied;

  NodeFields(Refusals refusals, List<Edit> applied) {
    this.refusals = refusals;
    this.applied = applied;
  }

  /**
   * Carries the agent task fields that differ between base and edited element into the node.
   *
   * @param base the element as Baton wrote it; null for a new element (every field is taken)
   */
  void agentTask(ObjectNode node, Element base, Element edited) {
    boolean hadConfig = node.has("config");
    agentFields(node, base, edited);
    dropEmptyConfig(node, hadConfig);
  }

  private void agentFields(ObjectNode node, Element base, Element edited) {
    String id = Xml.attr(edited, "id");
    ObjectNode config = config(node);
    for (String field : List.of(BpmnConventions.PROP_AGENT_TYPE, BpmnConventions.PROP_AGENT,
        ModelerTemplates.PROP_CAPABILITIES, ModelerTemplates.PROP_PROMPT_TEMPLATE,
        ModelerTemplates.PROP_MODEL, ModelerTemplates.PROP_TOOLS,
        ModelerTemplates.PROP_OUTPUT_FORMAT)) {
      String before = base == null ? null : Xml.property(base, field);
      String after = Xml.property(edited, field);
      if (Objects.equals(before, after) || !plain(id, field, after)) {
        continue;
      }
      switch (field) {
        case BpmnConventions.PROP_AGENT_TYPE -> set(node, "agent_type", after == null ? null
            : JSON.textNode(after));
        case BpmnConventions.PROP_AGENT -> set(config, "agent", text(after));
        case ModelerTemplates.PROP_CAPABILITIES -> set(config, "capabilities", list(after));
        case ModelerTemplates.PROP_TOOLS -> set(config, "tools", list(after));
        default -> set(config, field.substring("baton.".length()), text(after));
      }
      if (base != null) {
        applied.add(new Edit(id, "agent task '" + id + "' " + label(field) + ": "
            + shown(before) + " → " + shown(after)));
      }
    }
  }

  /** As {@link #agentTask}, for an approval gate (candidates are Camunda attributes). */
  void approvalGate(ObjectNode node, Element base, Element edited) {
    boolean hadConfig = node.has("config");
    gateFields(node, base, edited);
    dropEmptyConfig(node, hadConfig);
  }

  private static void dropEmptyConfig(ObjectNode node, boolean hadConfig) {
    if (!hadConfig && node.path("config").isEmpty()) {
      node.remove("config");
    }
  }

  private void gateFields(ObjectNode node, Element base, Element edited) {
    String id = Xml.attr(edited, "id");
    ObjectNode config = config(node);
    String groupsBefore = base == null ? null : Xml.camunda(base, "candidateGroups");
    String groups = Xml.camunda(edited, "candidateGroups");
    if (!Objects.equals(groupsBefore, groups) && plain(id, "candidate groups", groups)) {
      List<String> roles = split(groups);
      // keep the spec's own shape: one role as text, several as a list
      set(config, "required_role", roles.isEmpty() ? null
          : roles.size() == 1 && !config.path("required_role").isArray()
              ? JSON.textNode(roles.get(0)) : list(groups));
      report(base, id, "roles", groupsBefore, groups);
    }
    String usersBefore = base == null ? null : Xml.camunda(base, "candidateUsers");
    String users = Xml.camunda(edited, "candidateUsers");
    if (!Objects.equals(usersBefore, users) && plain(id, "candidate users", users)) {
      set(config, "approvers", list(users));
      report(base, id, "approvers", usersBefore, users);
    }
    for (String field : List.of(ModelerTemplates.PROP_TIMEOUT, ModelerTemplates.PROP_ON_TIMEOUT,
        ModelerTemplates.PROP_ESCALATION_LEVELS, ModelerTemplates.PROP_TWO_PERSON_RULE,
        ModelerTemplates.PROP_REQUIRE_JUSTIFICATION, ModelerTemplates.PROP_ALLOWED_ACTIONS)) {
      String before = base == null ? null : Xml.property(base, field);
      String after = Xml.property(edited, field);
      if (Objects.equals(before, after) || !plain(id, field, after)) {
        continue;
      }
      if (gateField(id, config, field, after)) {
        report(base, id, label(field), before, after);
      }
    }
  }

  private boolean gateField(String id, ObjectNode config, String field, String value) {
    switch (field) {
      case ModelerTemplates.PROP_TIMEOUT -> {
        config.remove("timeout_hours");
        if (value != null && duration(id, field, value) == null) {
          return false;
        }
        set(config, "timeout", text(value));
      }
      case ModelerTemplates.PROP_ON_TIMEOUT -> set(config, "on_timeout", text(value));
      case ModelerTemplates.PROP_ESCALATION_LEVELS -> {
        ArrayNode levels = levels(id, value);
        if (levels == null) {
          return false;
        }
        if (levels.isEmpty()) {
          config.remove("escalation_policy");
        } else {
          ObjectNode policy = config.has("escalation_policy") && config.get("escalation_policy")
              .isObject() ? (ObjectNode) config.get("escalation_policy")
              : config.putObject("escalation_policy");
          policy.set("levels", levels);
        }
      }
      case ModelerTemplates.PROP_TWO_PERSON_RULE, ModelerTemplates.PROP_REQUIRE_JUSTIFICATION -> {
        if (value != null && !value.equals("true") && !value.equals("false")) {
          refusals.add(id, label(field) + " is '" + value + "'", "use true or false");
          return false;
        }
        String key = field.equals(ModelerTemplates.PROP_TWO_PERSON_RULE)
            ? "require_two_person_rule" : "require_justification";
        set(criteria(config), key, value == null ? null : JSON.booleanNode(Boolean.parseBoolean(value)));
      }
      default -> set(criteria(config), "allowed_actions", list(value));
    }
    return true;
  }

  /** Escalation levels as the gate template shows them, back into the spec's policy. */
  private ArrayNode levels(String id, String text) {
    ArrayNode levels = JSON.arrayNode();
    if (text == null) {
      return levels;
    }
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      Matcher m = LEVEL.matcher(part);
      Duration after = m.matches() ? duration(id, "escalation level", m.group(1)) : null;
      if (after == null) {
        if (!m.matches()) {
          refusals.add(id, "escalation level '" + part.strip() + "' is not 'PT4H: group, user "
              + "(notify channel)'", "write each level as <ISO 8601 duration>: <assignees>, "
              + "levels separated by ';'");
        }
        return null;
      }
      ObjectNode level = levels.addObject();
      level.put("after_hours", after.toSeconds() / 3600.0);
      level.set("assignees", list(m.group(2)));
      if (m.group(3) != null) {
        level.set("channels", list(m.group(3)));
      }
    }
    return levels;
  }

  private Duration duration(String id, String field, String value) {
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      refusals.add(id, label(field) + " '" + value + "' is not an ISO 8601 duration",
          "write it like PT8H (8 hours) or P1D (a day)");
      return null;
    }
  }

  /** A value taken from the file: never anything Camunda could evaluate. */
  private boolean plain(String id, String field, String value) {
    if (Xml.looksLikeExpression(value)) {
      refusals.add(id, label(field) + " holds an expression ('${…}' or '#{…}')",
          "write plain values: Baton never deploys expressions from an uploaded file");
      return false;
    }
    return true;
  }

  private void report(Element base, String id, String what, String before, String after) {
    if (base != null) {
      applied.add(new Edit(id, "gate '" + id + "' " + what + ": " + shown(before) + " → "
          + shown(after)));
    }
  }

  private static String label(String field) {
    return field.startsWith("baton.") ? field.substring("baton.".length()).replace('_', ' ')
        : field;
  }

  private static String shown(String value) {
    return value == null ? "(none)" : value;
  }

  private static ObjectNode config(ObjectNode node) {
    JsonNode config = node.get("config");
    return config instanceof ObjectNode object ? object : node.putObject("config");
  }

  private static ObjectNode criteria(ObjectNode config) {
    JsonNode criteria = config.get("approval_criteria");
    return criteria instanceof ObjectNode object ? object
        : config.putObject("approval_criteria");
  }

  private static void set(ObjectNode object, String key, JsonNode value) {
    if (value == null) {
      object.remove(key);
    } else {
      object.set(key, value);
    }
  }

  private static JsonNode text(String value) {
    return value == null ? null : JSON.textNode(value);
  }

  private static ArrayNode list(String value) {
    if (value == null) {
      return null;
    }
    ArrayNode list = JSON.arrayNode();
    split(value).forEach(list::add);
    return list.isEmpty() ? null : list;
  }

  private static List<String> split(String value) {
    if (value == null) {
      return List.of();
    }
    return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).toList());
  }
}
