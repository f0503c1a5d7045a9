package dev.baton.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a policy file strictly and turns it into the Baton settings it stands for. Seed 000
 * wraps the sections in one named key ({@code enterprise_automation:}); a file whose sections are
 * at the top works too. Every problem is reported at once, each with its key.
 */
public final class PolicyFile {

  /** Where the platform looks when {@code baton.governance.policy-file} is not set. */
  static final String DEFAULT_LOCATION = "processes/governance/policy.yml";
  /** Larger files are not policies; refusing them keeps a mistake from costing start-up. */
  static final long MAX_BYTES = 64 * 1024;

  private static final Set<String> SECTIONS = Set.of("agents", "workflows", "budgets", "security");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private PolicyFile() {}

  /**
   * The policy's name (its one top key, or null) and the settings it sets, as Spring property
   * names: {@code baton.budget.*}, {@code baton.worker.retries}, {@code baton.compiler.*} and
   * {@code baton.governance.*}.
   */
  public record Read(String name, Map<String, Object> settings) {}

  static Read read(Path file) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidPolicyException(file, List.of("larger than " + MAX_BYTES + " bytes"));
      }
      root = YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(file, List.of("not YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
    } catch (IOException e) {
      throw new InvalidPolicyException(file, List.of("cannot be read: " + e.getMessage()));
    }
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new InvalidPolicyException(file, List.of("empty, or not a mapping of sections ("
          + String.join(", ", SECTIONS.stream().sorted().toList()) + ")"));
    }
    String name = null;
    JsonNode body = root;
    String first = root.fieldNames().next();
    if (root.size() == 1 && !SECTIONS.contains(first)) {
      name = first;
      body = root.get(first);
    }
    String prefix = name == null ? "" : name + ".";
    PolicyDocument document;
    try {
      document = YAML.treeToValue(body, PolicyDocument.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidPolicyException(file, List.of("unknown key '" + prefix + path(e)
          + "'; known here: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
          .collect(Collectors.joining(", "))));
    } catch (JsonMappingException e) {
      throw new InvalidPolicyException(file, List.of("'" + prefix + path(e) + "': "
          + e.getOriginalMessage().replaceAll(" at \\[Source.*", "")));
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(file, List.of(e.getOriginalMessage()));
    }
    if (document == null) {
      throw new InvalidPolicyException(file, List.of("'" + name + "' holds no sections"));
    }
    List<String> problems = new ArrayList<>();
    Map<String, Object> settings = settings(document, prefix, problems);
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(file, problems);
    }
    return new Read(name, settings);
  }

  private static Map<String, Object> settings(PolicyDocument d, String at,
      List<String> problems) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (d.agents() != null) {
      PolicyDocument.Agents a = d.agents();
      names(a.allowedTypes(), at + "agents.allowed_types", problems)
          .ifPresent(v -> s.put("baton.governance.allowed-agent-types", v));
      if (a.defaultBudgetPerRunUsd() != null) {
        if (a.defaultBudgetPerRunUsd().signum() <= 0) {
          problems.add(at + "agents.default_budget_per_run_usd must be more than 0");
        }
        s.put("baton.budget.default-per-run-usd", a.defaultBudgetPerRunUsd().toPlainString());
      }
      if (a.maxRetries() != null) {
        if (a.maxRetries() < 0 || a.maxRetries() > 10) {
          problems.add(at + "agents.max_retries must be 0 to 10 (was " + a.maxRetries() + ")");
        }
        s.put("baton.worker.retries", a.maxRetries());
      }
    }
    if (d.workflows() != null) {
      PolicyDocument.Workflows w = d.workflows();
      names(w.requireHumanGates(), at + "workflows.require_human_gates", problems)
          .ifPresent(v -> s.put("baton.governance.require-human-gates", v));
      if (w.humanGateRole() != null) {
        if (!NAME.matcher(w.humanGateRole()).matches()) {
          problems.add(at + "workflows.human_gate_role must be a group id such as "
              + "baton-approver (was '" + w.humanGateRole() + "')");
        }
        s.put("baton.governance.human-gate-role", w.humanGateRole());
      }
      positive(w.humanGateTimeoutHours(), at + "workflows.human_gate_timeout_hours", problems)
          .ifPresent(v -> s.put("baton.governance.human-gate-timeout-hours", v));
      if (w.runSlaMs() != null) {
        if (w.runSlaMs() < 1000) {
          problems.add(at + "workflows.run_sla_ms must be at least 1000 (was " + w.runSlaMs()
              + ")");
        }
        s.put("baton.governance.run-sla-ms", w.runSlaMs());
      }
      if (w.maxConcurrentRuns() != null) {
        if (w.maxConcurrentRuns() < 1) {
          problems.add(at + "workflows.max_concurrent_runs must be at least 1");
        }
        s.put("baton.governance.max-concurrent-runs", w.maxConcurrentRuns());
      }
      if (w.historyTimeToLive() != null) {
        s.put("baton.compiler.history-time-to-live",
            retention(w.historyTimeToLive(), at + "workflows.history_time_to_live", problems));
      }
    }
    if (d.budgets() != null) {
      PolicyDocument.Budgets b = d.budgets();
      if (b.enforcement() != null) {
        if (!Set.of("hard_cap", "soft_cap").contains(b.enforcement())) {
          problems.add(at + "budgets.enforcement must be hard_cap or soft_cap (was '"
              + b.enforcement() + "')");
        }
        s.put("baton.budget.enforcement", b.enforcement());
      }
      if (b.alertAtPercent() != null) {
        if (b.alertAtPercent() < 1 || b.alertAtPercent() > 100) {
          problems.add(at + "budgets.alert_at_percent must be 1 to 100 (was "
              + b.alertAtPercent() + ")");
        }
        s.put("baton.budget.alert-threshold-percent", b.alertAtPercent());
      }
      guarantee(b.requireApprovalForOverrides(), at + "budgets.require_approval_for_overrides",
          "a budget override is always an approver's decision", problems);
    }
    if (d.security() != null) {
      PolicyDocument.Security sec = d.security();
      guarantee(sec.auditTrailRequired(), at + "security.audit_trail_required",
          "the audit log is always kept, hash-chained", problems);
      guarantee(sec.requireRoleBasedExecution(), at + "security.require_role_based_execution",
          "every entry point checks the caller's roles", problems);
      names(sec.piiDomains(), at + "security.pii_domains", problems)
          .ifPresent(v -> s.put("baton.governance.pii-domains", v));
    }
    return s;
  }

  /** Rules Baton always keeps: {@code true} states them, {@code false} cannot switch them off. */
  private static void guarantee(Boolean value, String key, String why, List<String> problems) {
    if (Boolean.FALSE.equals(value)) {
      problems.add(key + ": false is not possible, " + why + "; remove the key or set it to true");
    }
  }

  private static java.util.Optional<String> names(List<String> values, String key,
      List<String> problems) {
    if (values == null) {
      return java.util.Optional.empty();
    }
    for (String value : values) {
      if (value == null || !NAME.matcher(value).matches()) {
        problems.add(key + " holds '" + value + "': names are letters, digits, '_', '.' "
            + "and '-', starting with a letter");
      }
    }
    // Spring binds a comma-separated value to a list; an empty list stays an empty text
    return java.util.Optional.of(String.join(",", values));
  }

  private static java.util.Optional<Double> positive(Double value, String key,
      List<String> problems) {
    if (value != null && !(value > 0)) {
      problems.add(key + " must be more than 0");
    }
    return java.util.Optional.ofNullable(value);
  }

  /** A retention as Camunda takes it: {@code P30D}, or a number of days. */
  private static String retention(String value, String key, List<String> problems) {
    String text = value.strip();
    if (text.matches("\\d{1,5}")) {
      return "P" + text + "D";
    }
    try {
      Period period = Period.parse(text);
      if (period.getYears() != 0 || period.getMonths() != 0 || period.getDays() <= 0) {
        problems.add(key + " must be days, e.g. P30D or 30 (was '" + value + "')");
      }
    } catch (DateTimeParseException e) {
      problems.add(key + " must be days, e.g. P30D or 30 (was '" + value + "')");
    }
    return text;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }
}
