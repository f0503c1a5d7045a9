package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spec.EdgeCondition.Comparison;
import dev.baton.spec.EdgeCondition.OnOutcome;
import dev.baton.spec.SpecBinder.Bound;
import dev.baton.spec.SpecBinder.BoundEdge;
import dev.baton.spec.SpecBinder.Indexed;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks a JSON Schema cannot express: ids and references, which conditions fit which
 * node, type-specific config, and the shape of the graph (cycles, reachability). Runs on
 * whatever {@link SpecBinder} could bind; the graph checks only run when everything bound, so
 * that a node left out for a misspelt type does not make others look unreachable.
 */
final class SemanticChecks {

  static final Pattern ID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");

  /** First segments of condition paths; a node with such an id could not be told apart. */
  static final Set<String> RESERVED_IDS = Set.of("input", "context");

  static final String INPUT_ROOT = "input";

  private static final Map<NodeType, Set<Outcome>> ALLOWED_OUTCOMES =
      Map.of(
          NodeType.AGENT_TASK, EnumSet.of(Outcome.SUCCESS, Outcome.FAILURE, Outcome.TIMEOUT),
          NodeType.APPROVAL_GATE, EnumSet.of(Outcome.APPROVED, Outcome.REJECTED, Outcome.TIMEOUT),
          NodeType.CONDITION, EnumSet.of(Outcome.DEFAULT),
          NodeType.PARALLEL, EnumSet.of(Outcome.SUCCESS));

  /** The config keys Baton reads, per node type; others are kept for later features. */
  static final Map<NodeType, List<String>> CONFIG_KEYS =
      Map.of(
          NodeType.AGENT_TASK,
          List.of(
              "prompt_template",
              "output_format",
              "output_schema",
              "tools",
              "model",
              "fallback_model",
              "temperature",
              "max_tokens",
              "critical",
              "agent",
              "capabilities",
              "max_model_calls",
              "max_tool_calls"),
          NodeType.APPROVAL_GATE,
          List.of("required_role", "approvers", "timeout_hours", "timeout", "on_timeout",
              "escalation_policy", "approval_criteria", "max_iterations"),
          NodeType.CONDITION,
          List.of("max_iterations"),
          NodeType.PARALLEL,
          List.of("wait_for"));

  private final AgentTypes agentTypes;
  private final SpecLimits limits;

  SemanticChecks(AgentTypes agentTypes, SpecLimits limits) {
    this.agentTypes = agentTypes;
    this.limits = limits;
  }

  List<SpecProblem> check(JsonNode root, Bound bound) {
    Run run = new Run(root, bound);
    run.all();
    return run.problems;
  }

  /** What one node type's edges may say, for hints. */
  static String allowedConditions(NodeType type) {
    if (type == NodeType.CONDITION) {
      return "comparisons {field, operator, value} and one 'default'";
    }
    return ALLOWED_OUTCOMES.get(type).stream().map(Outcome::json).collect(Collectors.joining(", "));
  }

  /** The state of checking one document. */
  private final class Run {
    private final JsonNode root;
    private final Bound bound;
    private final List<SpecProblem> problems = new ArrayList<>();
    /** Every string id, first occurrence wins, in spec order. */
    private final Map<String, Integer> indexById = new LinkedHashMap<>();
    /** The bound node behind each id (first occurrence). */
    private final Map<String, NodeSpec> nodeById = new HashMap<>();
    private boolean duplicateIds;

    Run(JsonNode root, Bound bound) {
      this.root = root;
      this.bound = bound;
      bound.ids().forEach(i -> indexById.putIfAbsent(i.value(), i.index()));
      bound.nodes().forEach(n -> nodeById.putIfAbsent(n.value().id(), n.value()));
    }

    void all() {
      if (bound.nodeCount() == 0) {
        error(
            "$.nodes",
            "workflow has no nodes",
            "add at least one node, e.g. {\"id\": \"plan\", \"type\": \"agent_task\","
                + " \"agent_type\": \"planner\"}");
        return;
      }
      ids();
      budgetOverride();
      bound.nodes().forEach(this::node);
      dependencies();
      edges();
      if (bound.complete() && !duplicateIds) {
        graph();
      }
    }

    // --- metadata --------------------------------------------------------------------------

    private void budgetOverride() {
      Metadata metadata = bound.metadata();
      BudgetOverride policy = metadata == null ? null : metadata.budgetOverride();
      if (policy != null && policy.roles().isEmpty() && policy.approvers().isEmpty()) {
        error("$.metadata.budget_override", "budget_override names nobody who may approve a "
                + "raise", "add \"required_role\": \"TenantAdmin\" or \"approvers\": [\"alice\"]");
      }
      JsonNode raw = root.path("metadata").path("budget_override");
      identities(raw.get("required_role"), "$.metadata.budget_override.required_role", "role");
      identities(raw.get("approvers"), "$.metadata.budget_override.approvers", "user");
    }

    /**
     * Role and user ids become candidate groups and users of a user task, which Camunda reads
     * as expressions: only ids of the safe pattern pass (a string of several roles is split at
     * commas, as the gate does).
     */
    private void identities(JsonNode value, String path, String kind) {
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
        error(path, kind + " id " + TextRules.shown(id) + " " + problem,
            "Camunda group and user ids match "
                + IdentityIds.PATTERN_TEXT + " (at most " + IdentityIds.MAX_LENGTH
                + " characters), e.g. '" + IdentityIds.suggest(id) + "'");
      }
    }

    // --- ids -------------------------------------------------------------------------------

    private void ids() {
      Map<String, Integer> seen = new HashMap<>();
      for (Indexed<String> entry : bound.ids()) {
        String id = entry.value();
        String path = JsonPaths.node(entry.index()) + ".id";
        Integer first = seen.putIfAbsent(id, entry.index());
        if (first != null) {
          duplicateIds = true;
          error(
              path,
              "duplicate node id '" + id + "': already used by " + JsonPaths.node(first),
              "give every node its own id");
        }
        if (!ID.matcher(id).matches()) {
          error(
              path,
              "invalid node id '" + id + "': ids become BPMN ids and must start with a letter"
                  + " or '_' and contain only letters, digits, '_', '.' and '-'",
              "rename it, e.g. '" + suggestId(id) + "'");
        } else if (id.contains("__")) {
          error(
              path,
              "node id '" + id + "' contains '__', which is reserved for ids Baton generates",
              "use a single '_', e.g. '" + id.replaceAll("_{2,}", "_") + "'");
        }
        if (RESERVED_IDS.contains(id)) {
          error(
              path,
              "node id '" + id + "' is reserved: condition fields starting with '" + id
                  + "' mean something else",
              "rename the node, e.g. '" + id + "_step'");
        }
        if (id.startsWith("baton_")) {
          error(
              path,
              "node id '" + id + "' starts with 'baton_', which is reserved for Baton's own "
                  + "run variables",
              "rename the node, e.g. '" + id.substring("baton_".length()) + "'");
        }
      }
    }

    private static String suggestId(String id) {
      String cleaned = id.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("_{2,}", "_");
      return cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_'
          ? "n_" + cleaned
          : cleaned;
    }

    // --- nodes and their config ------------------------------------------------------------

    private void node(Indexed<NodeSpec> entry) {
      NodeSpec node = entry.value();
      String path = JsonPaths.node(entry.index());
      JsonNode raw = root.path("nodes").path(entry.index());
      boolean agentTypeGiven = raw.hasNonNull("agent_type");
      if (node.type() == NodeType.AGENT_TASK) {
        Set<String> known = new TreeSet<>(agentTypes.known());
        boolean chosenOtherwise = node.config().hasNonNull("capabilities")
            || node.config().hasNonNull("agent");
        if (!agentTypeGiven && !chosenOtherwise) {
          error(
              path,
              "agent_task '" + node.id() + "' has no agent_type",
              "add \"agent_type\" with one of: " + String.join(", ", known)
                  + "; or config.capabilities (required capabilities) or config.agent (an "
                  + "agent's slug)");
        } else if (node.agentType() != null && !known.contains(node.agentType())) {
          error(
              path + ".agent_type",
              "unknown agent type '" + node.agentType() + "'"
                  + DidYouMean.suffix(node.agentType(), known),
              "known agent types: " + String.join(", ", known));
        }
      } else if (agentTypeGiven) {
        warning(
            path + ".agent_type",
            "agent_type is ignored on " + node.type().json() + " '" + node.id() + "'",
            "only agent_task nodes run an agent; remove it");
      }
      String config = path + ".config";
      configTypos(node, config);
      switch (node.type()) {
        case AGENT_TASK -> {
          agentConfig(node.config(), config);
          if (node.config().has("critical") && !partialCompletion()) {
            warning(
                JsonPaths.field(config, "critical"),
                "config 'critical' of '" + node.id() + "' has no effect: the workflow does not "
                    + "allow partial completion, so every failed agent task fails the run",
                "set metadata.allow_partial_completion to true, or remove 'critical'");
          }
        }
        case APPROVAL_GATE -> approvalConfig(node, config);
        case CONDITION -> positiveInteger(node.config(), config, "max_iterations");
        case PARALLEL -> positiveInteger(node.config(), config, "wait_for");
      }
    }

    /**
     * Config is open, so unknown keys are fine; but one that is a near miss of a known key is
     * almost certainly a typo whose setting would silently not apply.
     */
    private void configTypos(NodeSpec node, String path) {
      List<String> known = CONFIG_KEYS.get(node.type());
      node.config()
          .fieldNames()
          .forEachRemaining(
              key -> {
                if (!known.contains(key)) {
                  DidYouMean.closest(key, known)
                      .ifPresent(
                          guess ->
                              warning(
                                  JsonPaths.field(path, key),
                                  "config key '" + key + "' is not used by " + node.type().json()
                                      + " nodes; did you mean '" + guess + "'?",
                                  "rename it to '" + guess + "' if that is what you meant"));
                }
              });
    }

    private boolean partialCompletion() {
      return root.path("metadata").path("allow_partial_completion").asBoolean(false);
    }

    private void agentConfig(ObjectNode config, String path) {
      expect(config, path, "prompt_template", JsonNode::isTextual, "a string");
      expect(config, path, "agent", v -> v.isTextual() && !v.asText().isBlank(),
          "an agent's slug");
      expect(config, path, "capabilities", v -> isStringArray(v) && !v.isEmpty(),
          "a non-empty array of capability names");
      positiveInteger(config, path, "max_model_calls");
      positiveInteger(config, path, "max_tool_calls");
      expect(config, path, "model", JsonNode::isTextual, "a string");
      expect(config, path, "fallback_model", JsonNode::isTextual, "a string");
      expect(config, path, "output_schema", JsonNode::isObject, "a JSON Schema object");
      expect(config, path, "critical", JsonNode::isBoolean, "a boolean");
      expect(config, path, "temperature", v -> v.isNumber() && v.asDouble() >= 0, "a number >= 0");
      expect(
          config,
          path,
          "max_tokens",
          v -> v.isIntegralNumber() && v.asLong() > 0,
          "an integer > 0");
      expect(config, path, "tools", SemanticChecks::isStringArray, "an array of strings");
      JsonNode format = config.get("output_format");
      boolean known = format != null && Set.of("text", "structured").contains(format.asText());
      if (format != null && !(format.isTextual() && known)) {
        error(
            JsonPaths.field(path, "output_format"),
            "unknown output_format " + JsonSchemaCheck.describeValue(format)
                + DidYouMean.suffix(format.asText(), List.of("text", "structured")),
            "use \"text\" or \"structured\"");
      }
    }

    private void approvalConfig(NodeSpec node, String path) {
      ObjectNode config = node.config();
      expect(
          config,
          path,
          "required_role",
          v -> v.isTextual() || isStringArray(v),
          "a string or an array of strings");
      expect(config, path, "approvers", SemanticChecks::isStringArray, "an array of user ids");
      identities(config.get("required_role"), JsonPaths.field(path, "required_role"), "role");
      identities(config.get("approvers"), JsonPaths.field(path, "approvers"), "user");
      if (!given(config.get("required_role")) && !given(config.get("approvers"))) {
        error(
            path,
            "approval_gate '" + node.id() + "' names no approver: neither required_role nor"
                + " approvers is given",
            "add \"required_role\": \"TenantAdmin\" or \"approvers\": [\"alice\"] to its config");
      }
      expect(config, path, "timeout_hours", v -> v.isNumber() && v.asDouble() > 0, "a number > 0");
      JsonNode timeout = config.get("timeout");
      if (timeout != null) {
        if (!timeout.isTextual() || !isDuration(timeout.asText())) {
          error(
              JsonPaths.field(path, "timeout"),
              "timeout " + JsonSchemaCheck.describeValue(timeout)
                  + " is not an ISO 8601 duration",
              "write e.g. \"PT24H\" (24 hours), \"PT30M\" (30 minutes) or \"P2D\" (2 days)");
        }
        if (config.has("timeout_hours")) {
          error(
              path,
              "approval_gate '" + node.id() + "' gives both timeout_hours and timeout",
              "keep one of them");
        }
      }
      expect(config, path, "on_timeout",
          v -> v.isTextual() && List.of("deny", "approve").contains(v.asText()),
          "\"deny\" (the default) or \"approve\"");
      positiveInteger(config, path, "max_iterations");
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
        error(policyPath, "escalation_policy needs a non-empty array 'levels'",
            "write {\"levels\": [{\"after_hours\": 4, \"assignees\": [\"devops-lead\"], "
                + "\"channels\": [\"log\"]}]}");
        return;
      }
      double previous = 0;
      for (int i = 0; i < levels.size(); i++) {
        JsonNode level = levels.get(i);
        String levelPath = policyPath + ".levels[" + i + "]";
        if (!level.isObject()) {
          error(levelPath, "an escalation level must be an object", "see docs/approvals.md");
          continue;
        }
        JsonNode after = level.get("after_hours");
        if (after == null || !after.isNumber() || after.asDouble() <= 0) {
          error(JsonPaths.field(levelPath, "after_hours"),
              "escalation level " + (i + 1) + " of '" + node.id() + "' needs after_hours > 0",
              "hours after the approval task was created, e.g. \"after_hours\": 4");
        } else {
          if (after.asDouble() <= previous) {
            warning(JsonPaths.field(levelPath, "after_hours"),
                "escalation level " + (i + 1) + " fires no later than level " + i,
                "order the levels by after_hours");
          }
          previous = after.asDouble();
        }
        JsonNode assignees = level.get("assignees");
        JsonNode channels = level.get("channels");
        if ((assignees == null || !isStringArray(assignees) || assignees.isEmpty())
            && (channels == null || channels.isEmpty())) {
          error(levelPath, "escalation level " + (i + 1) + " of '" + node.id()
                  + "' adds no assignees and notifies no channel",
              "give \"assignees\" (users or groups) and/or \"channels\"");
        }
        if (assignees != null && !isStringArray(assignees)) {
          error(JsonPaths.field(levelPath, "assignees"),
              "assignees must be an array of user or group ids", "e.g. [\"devops-lead\", \"bob\"]");
        } else if (assignees != null) {
          identities(assignees, JsonPaths.field(levelPath, "assignees"), "user or group");
        }
        if (channels != null && !isStringArray(channels)) {
          error(JsonPaths.field(levelPath, "channels"),
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
        error(criteriaPath, "approval_criteria must be an object",
            "e.g. {\"require_justification\": true}");
        return;
      }
      for (String flag : List.of("require_justification", "require_two_person_rule")) {
        JsonNode value = criteria.get(flag);
        if (value != null && !value.isBoolean()) {
          error(JsonPaths.field(criteriaPath, flag), flag + " must be true or false",
              "write \"" + flag + "\": true");
        }
      }
      JsonNode actions = criteria.get("allowed_actions");
      if (actions != null) {
        List<String> allowed = List.of("approve", "reject", "request_changes");
        if (!isStringArray(actions) || actions.isEmpty()) {
          error(JsonPaths.field(criteriaPath, "allowed_actions"),
              "allowed_actions must be a non-empty array", "choose from " + allowed);
          return;
        }
        for (int i = 0; i < actions.size(); i++) {
          if (!allowed.contains(actions.get(i).asText())) {
            error(JsonPaths.field(criteriaPath, "allowed_actions") + "[" + i + "]",
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

    private static boolean given(JsonNode value) {
      if (value == null || value.isNull()) {
        return false;
      }
      if (value.isTextual()) {
        return !value.asText().isBlank();
      }
      return !value.isArray() || !value.isEmpty();
    }

    private void positiveInteger(ObjectNode config, String path, String key) {
      expect(
          config,
          path,
          key,
          v -> v.isNumber() && v.canConvertToExactIntegral() && v.asLong() >= 1,
          "an integer >= 1");
    }

    private void expect(
        ObjectNode config,
        String path,
        String key,
        Predicate<JsonNode> test,
        String expected) {
      JsonNode value = config.get(key);
      if (value != null && !test.test(value)) {
        error(
            JsonPaths.field(path, key),
            "config '" + key + "' must be " + expected + " but is "
                + JsonSchemaCheck.describeValue(value),
            "change it to " + expected);
      }
    }

    // --- references ------------------------------------------------------------------------

    private void dependencies() {
      JsonNode nodes = root.path("nodes");
      for (int i = 0; i < nodes.size(); i++) {
        JsonNode raw = nodes.get(i);
        JsonNode deps = raw.path("dependencies");
        String self = raw.path("id").isTextual() ? raw.path("id").asText() : null;
        String owner = self == null ? JsonPaths.node(i) : "'" + self + "'";
        Set<String> seen = new HashSet<>();
        // an object here has a size too: only an array's entries are references
        for (int j = 0; deps.isArray() && j < deps.size(); j++) {
          if (!deps.get(j).isTextual()) {
            continue;
          }
          String dep = deps.get(j).asText();
          String path = JsonPaths.index(JsonPaths.node(i) + ".dependencies", j);
          if (dep.equals(self)) {
            error(
                path,
                "node '" + self + "' depends on itself",
                "remove '" + dep + "' from its dependencies");
          } else if (!indexById.containsKey(dep)) {
            unknownReference(path, dep, "dependency of " + owner);
          }
          if (!seen.add(dep)) {
            warning(
                path,
                "'" + dep + "' is listed more than once in the dependencies of " + owner,
                "remove the repeated entry");
          }
        }
      }
    }

    private void unknownReference(String path, String id, String role) {
      error(
          path,
          "unknown node '" + id + "' (" + role + ")" + DidYouMean.suffix(id, indexById.keySet()),
          "use the id of a node of this spec: " + String.join(", ", indexById.keySet()));
    }

    // --- edges -----------------------------------------------------------------------------

    private void edges() {
      JsonNode edges = root.path("edges");
      for (int k = 0; edges.isArray() && k < edges.size(); k++) {
        JsonNode raw = edges.get(k);
        String path = JsonPaths.edge(k);
        String from = raw.path("from").isTextual() ? raw.path("from").asText() : null;
        String to = raw.path("to").isTextual() ? raw.path("to").asText() : null;
        if (from != null && !indexById.containsKey(from)) {
          unknownReference(path + ".from", from, "source of edge " + k);
        }
        if (to != null && !indexById.containsKey(to)) {
          unknownReference(path + ".to", to, "target of edge " + k);
        }
        if (from != null && from.equals(to)) {
          error(
              path,
              "edge from '" + from + "' to itself",
              "to repeat a step, loop through a condition node with config.max_iterations");
        }
      }
      for (BoundEdge edge : bound.edges()) {
        NodeSpec source = nodeById.get(edge.edge().from());
        if (edge.conditionBound() && source != null) {
          condition(edge, source);
        }
      }
    }

    private void condition(BoundEdge bound, NodeSpec source) {
      EdgeSpec edge = bound.edge();
      JsonNode raw = root.path("edges").path(bound.index());
      String path = JsonPaths.edge(bound.index()) + (raw.has("condition") ? ".condition" : "");
      String label = "edge " + edge.from() + " -> " + edge.to();
      String sourceText = source.type().json() + " '" + source.id() + "'";
      String hint =
          "edges leaving " + article(source.type()) + " may use: "
              + allowedConditions(source.type());
      if (edge.condition() instanceof OnOutcome on) {
        if (!ALLOWED_OUTCOMES.get(source.type()).contains(on.outcome())) {
          error(
              path,
              label + ": condition '" + on.outcome().json() + "' does not fit " + sourceText,
              hint);
        } else if (on.outcome() == Outcome.TIMEOUT) {
          timeoutEdge(path, label, source);
        }
      } else if (edge.condition() instanceof Comparison comparison) {
        if (source.type() != NodeType.CONDITION) {
          error(
              path,
              label + ": a comparison only fits edges leaving a condition node, not " + sourceText,
              hint + "; or put a condition node after '" + source.id() + "'");
          return;
        }
        comparison(path, label, comparison);
      }
    }

    private void timeoutEdge(String path, String label, NodeSpec source) {
      if (source.type() == NodeType.AGENT_TASK && source.timeoutMs() == null) {
        warning(
            path,
            label + ": 'timeout' can never fire, agent_task '" + source.id()
                + "' has no timeout_ms",
            "add \"timeout_ms\" to '" + source.id() + "'");
      }
      if (source.type() == NodeType.APPROVAL_GATE
          && !source.config().has("timeout_hours")
          && !source.config().has("timeout")) {
        warning(
            path,
            label + ": 'timeout' can never fire, approval_gate '" + source.id()
                + "' has no timeout_hours or timeout",
            "add \"timeout_hours\" or \"timeout\" to the config of '" + source.id() + "'");
      }
    }

    private void comparison(String path, String label, Comparison comparison) {
      String op = comparison.operator().symbol();
      JsonNode value = comparison.value();
      if (comparison.operator() != Operator.EXISTS && value == null) {
        error(
            path,
            label + ": operator '" + op + "' needs a 'value'",
            "add \"value\", or use the operator 'exists' to test for presence");
      } else if (comparison.operator() == Operator.IN && !value.isArray()) {
        error(
            path + ".value",
            label + ": operator 'in' needs an array value but found "
                + JsonSchemaCheck.describeValue(value),
            "write e.g. \"value\": [\"high\", \"critical\"]");
      } else if (comparison.operator() == Operator.MATCHES) {
        matches(path, label, value);
      }
      String field = comparison.field();
      String first = field.split("\\.", -1)[0];
      if (!first.equals(INPUT_ROOT) && !indexById.containsKey(first)) {
        List<String> roots = new ArrayList<>();
        roots.add(INPUT_ROOT);
        roots.addAll(indexById.keySet());
        error(
            path + ".field",
            label + ": field '" + field + "' starts with '" + first
                + "', which is neither 'input' nor a node id" + DidYouMean.suffix(first, roots),
            "start the path with 'input' (the run's input) or the id of an earlier node, e.g."
                + " '<node>.output.passed'");
      }
    }

    private void matches(String path, String label, JsonNode value) {
      if (!value.isTextual()) {
        error(
            path + ".value",
            label + ": operator 'matches' needs a regular expression string but found "
                + JsonSchemaCheck.describeValue(value),
            "write the pattern as a string, e.g. \"^feat/\"");
        return;
      }
      RegexDialect.problem(value.asText(), limits.maxRegexLength()).ifPresent(problem ->
          error(
              path + ".value",
              label + ": pattern " + TextRules.shown(value.asText()) + " is refused: " + problem,
              "write an RE2 pattern (docs/spec-reference.md#regular-expressions): no "
                  + "backreferences, no lookaround, counted repetitions up to {1000} and not "
                  + "nested deeply"));
    }

    // --- the graph -------------------------------------------------------------------------

    private void graph() {
      WorkflowGraph graph = new WorkflowGraph(withoutSelfLinks(bound.toSpec()));
      Map<String, String> locations = connectionLocations();
      for (Indexed<NodeSpec> entry : bound.nodes()) {
        NodeSpec node = entry.value();
        List<Connection> out = graph.outgoing(node.id());
        String path = JsonPaths.node(entry.index());
        if (node.type() == NodeType.CONDITION) {
          conditionNode(node, path, out, locations);
        }
        if (node.type() == NodeType.APPROVAL_GATE && allowsChanges(node)) {
          List<Connection> in = graph.incoming(node.id());
          boolean oneAgent = in.size() == 1
              && graph.node(in.get(0).from()).type() == NodeType.AGENT_TASK;
          if (!oneAgent) {
            error(path + ".config.approval_criteria.allowed_actions",
                "'request_changes' sends the work back to the agent before '" + node.id()
                    + "', but it has " + (in.isEmpty() ? "none" : in.size() + " predecessors"),
                "give the gate exactly one preceding agent_task, or drop request_changes");
          }
        }
        if (node.type() == NodeType.PARALLEL) {
          JsonNode waitFor = node.config().get("wait_for");
          // below 1 is a config error reported by node(); here only the upper bound
          if (waitFor != null
              && waitFor.canConvertToExactIntegral()
              && waitFor.asLong() >= 1
              && waitFor.asLong() > out.size()) {
            error(
                path + ".config.wait_for",
                "parallel '" + node.id() + "' waits for " + waitFor.asLong() + " branches but has "
                    + out.size() + " outgoing",
                "use a number from 1 to " + out.size() + ", or leave wait_for out to wait for all");
          } else if (waitFor != null
              && waitFor.canConvertToExactIntegral()
              && waitFor.asLong() >= 1
              && graph.meetingPoint(node.id()).isEmpty()) {
            error(
                path + ".config.wait_for",
                "the branches of parallel '" + node.id() + "' never meet again, so there is no "
                    + "join to wait at",
                "add a node that depends on every branch, or leave wait_for out");
          }
        }
      }
      cycles(graph);
      reachability(graph);
      comparisonSources(graph);
    }

    private static boolean allowsChanges(NodeSpec gate) {
      JsonNode actions = gate.config().path("approval_criteria").path("allowed_actions");
      for (JsonNode action : actions) {
        if ("request_changes".equals(action.asText())) {
          return true;
        }
      }
      return false;
    }

    private void conditionNode(
        NodeSpec node, String path, List<Connection> out, Map<String, String> locations) {
      if (out.isEmpty()) {
        error(
            path,
            "condition node '" + node.id() + "' has no outgoing edges",
            "add edges from '" + node.id() + "' with comparison conditions and one 'default'");
        return;
      }
      // an edge whose condition did not bind carries a stand-in; it is no real default
      Set<String> unbound = new HashSet<>();
      bound.edges().stream()
          .filter(e -> !e.conditionBound())
          .forEach(e -> unbound.add(e.edge().from() + "\u0000" + e.edge().to()));
      List<Connection> defaults =
          out.stream()
              .filter(c -> c.isOutcome(Outcome.DEFAULT))
              .filter(c -> !unbound.contains(c.from() + "\u0000" + c.to()))
              .toList();
      for (int i = 1; i < defaults.size(); i++) {
        Connection extra = defaults.get(i);
        error(
            locations.getOrDefault(extra.from() + "\u0000" + extra.to(), path),
            "condition node '" + node.id() + "' has more than one default edge (to '"
                + defaults.get(0).to() + "' and '" + extra.to() + "')",
            "keep one default edge; give the others comparison conditions (a dependency on a"
                + " condition node counts as its default edge)");
      }
    }

    /** Where each connection was written: its edge, or else the dependency entry. */
    private Map<String, String> connectionLocations() {
      Map<String, String> locations = new HashMap<>();
      for (BoundEdge edge : bound.edges()) {
        boolean written = root.path("edges").path(edge.index()).has("condition");
        locations.putIfAbsent(
            edge.edge().from() + "\u0000" + edge.edge().to(),
            JsonPaths.edge(edge.index()) + (written ? ".condition" : ""));
      }
      for (Indexed<NodeSpec> entry : bound.nodes()) {
        List<String> deps = entry.value().dependencies();
        for (int j = 0; j < deps.size(); j++) {
          locations.putIfAbsent(
              deps.get(j) + "\u0000" + entry.value().id(),
              JsonPaths.index(JsonPaths.node(entry.index()) + ".dependencies", j));
        }
      }
      return locations;
    }

    private void cycles(WorkflowGraph graph) {
      for (List<String> component : graph.cyclicComponents()) {
        boolean guarded =
            component.stream()
                .map(graph::node)
                .anyMatch(
                    n -> n.type() == NodeType.CONDITION && n.config().has("max_iterations"));
        if (!guarded) {
          error(
              JsonPaths.node(indexById.get(component.get(0))),
              "cycle " + String.join(" -> ", graph.cycleThrough(component)),
              "loops must pass through a condition node with config.max_iterations");
        }
      }
    }

    private void reachability(WorkflowGraph graph) {
      List<String> roots = graph.roots();
      if (roots.isEmpty()) {
        error(
            "$.nodes",
            "every node depends on another: nothing can start",
            "give at least one node no dependencies and no incoming edges");
        return;
      }
      Set<String> reachable = graph.reachableFrom(roots);
      for (Indexed<NodeSpec> entry : bound.nodes()) {
        if (!reachable.contains(entry.value().id())) {
          error(
              JsonPaths.node(entry.index()),
              "node '" + entry.value().id() + "' is unreachable: no path leads to it from a start"
                  + " node (" + String.join(", ", roots) + ")",
              "connect it to the rest of the workflow or remove it");
        }
      }
    }

    /** A comparison may only read nodes that have run before its condition node. */
    private void comparisonSources(WorkflowGraph graph) {
      for (BoundEdge edge : bound.edges()) {
        if (!(edge.edge().condition() instanceof Comparison comparison)
            || nodeById.get(edge.edge().from()) == null
            || nodeById.get(edge.edge().from()).type() != NodeType.CONDITION) {
          continue;
        }
        String condition = edge.edge().from();
        String first = comparison.field().split("\\.", -1)[0];
        if (first.equals(INPUT_ROOT) || !nodeById.containsKey(first)) {
          continue;
        }
        if (first.equals(condition) || !graph.ancestors(condition).contains(first)) {
          error(
              JsonPaths.edge(edge.index()) + ".condition.field",
              "field '" + comparison.field() + "' reads node '" + first
                  + "', which does not run before condition '" + condition + "'",
              "compare on 'input' or on a node that '" + condition
                  + "' depends on, directly or indirectly");
        }
      }
    }

    private void error(String path, String message, String hint) {
      problems.add(SpecProblem.error(path, message, hint));
    }

    private void warning(String path, String message, String hint) {
      problems.add(SpecProblem.warning(path, message, hint));
    }
  }

  /** Self-links are reported on their own; kept in the graph they would hide the start node. */
  private static WorkflowSpec withoutSelfLinks(WorkflowSpec spec) {
    return new WorkflowSpec(
        spec.metadata(),
        spec.nodes().stream()
            .map(
                n ->
                    new NodeSpec(
                        n.id(),
                        n.type(),
                        n.name(),
                        n.agentType(),
                        n.config(),
                        n.timeoutMs(),
                        n.dependencies().stream().filter(d -> !d.equals(n.id())).toList()))
            .toList(),
        spec.edges().stream().filter(e -> !e.from().equals(e.to())).toList());
  }

  private static String article(NodeType type) {
    return (type == NodeType.AGENT_TASK || type == NodeType.APPROVAL_GATE ? "an " : "a ")
        + type.json();
  }

  private static boolean isStringArray(JsonNode value) {
    if (!value.isArray()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
