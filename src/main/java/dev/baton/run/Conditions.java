package dev.baton.run;

import dev.baton.contract.JsonValues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.contract.BpmnConventions;
import dev.baton.spec.Operator;
import java.math.BigDecimal;
import dev.baton.spec.RegexDialect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Evaluates the conditions written into compiled BPMN ({@code
 * ${conditions.test(execution, "qa.output.passed", "==", "true")}}). The field's first segment
 * names a variable ({@code input} or a node id); the rest is a path into its JSON. A missing
 * field compares as absent: only {@code !=} and {@code exists} with {@code false} hold for it.
 *
 * <p>{@code matches} uses RE2/J ({@link RegexDialect}): matching takes time linear in the
 * input, whatever the pattern, so a spec cannot stall a job-executor thread. Patterns were
 * checked when the spec was deployed; compiled ones are kept in a small bounded cache.
 *
 * <p>Public because the engine's expression language calls it: JUEL invokes methods of public
 * classes only (a package-private bean fails with "method is null").
 */
@Component("conditions")
public class Conditions {

  private static final int CACHED_PATTERNS = 256;

  private static final Map<String, com.google.re2j.Pattern> PATTERNS =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, com.google.re2j.Pattern> eldest) {
          return size() > CACHED_PATTERNS;
        }
      };

  public boolean test(DelegateExecution execution, String field, String operator, String value) {
    int dot = field.indexOf('.');
    String variable = dot < 0 ? field : field.substring(0, dot);
    String path = dot < 0 ? "" : field.substring(dot + 1);
    JsonNode actual = JsonValues.at(JsonValues.toJson(execution.getVariable(variable)), path);
    JsonNode expected = JsonValues.parse(value);
    return compare(actual, Operator.fromSymbol(operator).orElseThrow(
        () -> new IllegalArgumentException("unknown operator " + operator)), expected);
  }

  /**
   * The same comparison on variables given by the caller instead of an execution's: a replay
   * routes a recorded run with the rule the engine routes it with.
   *
   * @param variables a variable's value by name ({@code input} or a node id), null if absent
   */
  public static boolean holds(Function<String, Object> variables, String field,
      Operator operator, JsonNode expected) {
    int dot = field.indexOf('.');
    String variable = dot < 0 ? field : field.substring(0, dot);
    String path = dot < 0 ? "" : field.substring(dot + 1);
    JsonNode actual = JsonValues.at(JsonValues.toJson(variables.apply(variable)), path);
    return compare(actual, operator, expected);
  }

  /** Counts a visit of a guarded condition node (its loop-back edges read the count). */
  public void countVisit(DelegateExecution execution, String conditionId) {
    String name = BpmnConventions.iterationsVariable(conditionId);
    Object current = execution.getVariable(name);
    execution.setVariable(name, current instanceof Number n ? n.intValue() + 1 : 1);
  }

  /** Whether a loop may go round once more: at most {@code max} rounds back. */
  public boolean withinLimit(DelegateExecution execution, String conditionId, int max) {
    Object visits = execution.getVariable(BpmnConventions.iterationsVariable(conditionId));
    return visits instanceof Number n && n.intValue() <= max;
  }

  /**
   * Whether this arrival at an N-of-M join is the N-th: that one continues, earlier ones wait
   * (end), later ones are not needed. The count is a process variable, so two branches arriving
   * at once conflict in the database and the job executor retries one of them.
   */
  public boolean quorumReached(DelegateExecution execution, String quorumId, int needed) {
    Object arrivals = execution.getVariable(BpmnConventions.iterationsVariable(quorumId));
    return arrivals instanceof Number n && n.intValue() == needed;
  }

  static boolean compare(JsonNode actual, Operator operator, JsonNode expected) {
    boolean present = actual != null && !actual.isMissingNode() && !actual.isNull();
    return switch (operator) {
      case EXISTS -> present == (expected == null || expected.isNull() || expected.asBoolean(true));
      case EQ -> present ? equal(actual, expected) : expected == null || expected.isNull();
      case NE -> present ? !equal(actual, expected) : expected != null && !expected.isNull();
      case GT -> present && ordered(actual, expected, c -> c > 0);
      case GE -> present && ordered(actual, expected, c -> c >= 0);
      case LT -> present && ordered(actual, expected, c -> c < 0);
      case LE -> present && ordered(actual, expected, c -> c <= 0);
      case CONTAINS -> present && contains(actual, expected);
      case IN -> present && expected.isArray() && contains(expected, actual);
      case MATCHES -> present && actual.isValueNode()
          && pattern(expected.asText()).matcher(actual.asText()).find();
    };
  }

  /** The compiled pattern; one refused at deploy time fails here too (an incident). */
  static com.google.re2j.Pattern pattern(String regex) {
    synchronized (PATTERNS) {
      com.google.re2j.Pattern cached = PATTERNS.get(regex);
      if (cached != null) {
        return cached;
      }
    }
    // its length was bounded at deploy time (by the limits then in force); the size of the
    // automaton is bounded here as well
    com.google.re2j.Pattern compiled = RegexDialect.compile(regex, Integer.MAX_VALUE);
    synchronized (PATTERNS) {
      PATTERNS.put(regex, compiled);
    }
    return compiled;
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /**
   * Compares numbers by value (a numeric string counts as its number) and text by text; a
   * value that is a number against one that is not orders not at all, so every ordering
   * operator is false for it.
   */
  private static boolean ordered(JsonNode a, JsonNode b, IntPredicate holds) {
    BigDecimal left = decimal(a);
    BigDecimal right = decimal(b);
    if (left != null && right != null) {
      return holds.test(left.compareTo(right));
    }
    if (a.isNumber() || b.isNumber()) {
      return false;
    }
    return holds.test(a.asText().compareTo(b.asText()));
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return new BigDecimal(node.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean contains(JsonNode container, JsonNode item) {
    if (container.isArray()) {
      for (JsonNode element : container) {
        if (equal(element, item)) {
          return true;
        }
      }
      return false;
    }
    if (container.isObject()) {
      return container.has(item.asText());
    }
    return container.asText().contains(item.asText());
  }
}
