package dev.baton.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.problem.InvalidFieldException;
import dev.baton.spec.JsonSize;
import dev.baton.spec.SpecLimits;
import dev.baton.spec.TextRules;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Field checks of API requests beyond specs: a run's input, its priority, budget amounts,
 * names and ids that go into the database. Each refusal is a 422 naming the field's JSON path
 * and the setting that bounds it; the database never sees a value its column cannot hold.
 */
@Component
public class RequestLimits {

  private final LimitsProperties limits;

  public RequestLimits(LimitsProperties limits) {
    this.limits = limits;
  }

  public LimitsProperties limits() {
    return limits;
  }

  /** A run's {@code input_data}: at most max-input-bytes of JSON, every number finite. */
  public void runInput(JsonNode input) {
    if (input == null || input.isNull()) {
      return;
    }
    long bytes = JsonSize.bytes(input, limits.maxInputBytes());
    if (bytes > limits.maxInputBytes()) {
      throw new InvalidFieldException("$.input_data", "input_data is over "
          + limits.maxInputBytes() + " bytes of JSON; the limit is " + limits.maxInputBytes(),
          "pass large documents by reference (a URL or id the agents can fetch), or raise "
              + "baton.limits.max-input-bytes");
    }
    finiteNumbers(input, "$.input_data");
  }

  /** A run's priority: within [-max-priority, max-priority]. */
  public void priority(Integer priority) {
    if (priority != null && Math.abs((long) priority) > limits.maxPriority()) {
      throw new InvalidFieldException("$.priority", "priority " + priority + " is out of range",
          "use a number from -" + limits.maxPriority() + " to " + limits.maxPriority()
              + " (higher runs first; baton.limits.max-priority)");
    }
  }

  /** A per-run amount in USD ({@code per_run_usd}, a raise): at most max-usd. */
  public void usd(String path, BigDecimal amount) {
    atMost(path, amount, limits.maxUsd(), "max-usd");
  }

  /** A daily or monthly budget in USD: at most max-budget-usd. */
  public void budgetUsd(String path, BigDecimal amount) {
    atMost(path, amount, limits.maxBudgetUsd(), "max-budget-usd");
  }

  /** A name people read (a title, a budget's name): at most max-name-length, storable. */
  public void name(String path, String value) {
    text(path, value, limits.maxNameLength(), "baton.limits.max-name-length");
  }

  /** An id kept in a 64-character column (a tenant, a workflow). */
  public void id(String path, String value) {
    text(path, value, limits.maxIdLength(), "baton.limits.max-id-length");
  }

  /** A version tag: Camunda keeps at most 64 characters. */
  public void version(String path, String value) {
    text(path, value, SpecLimits.MAX_VERSION_LENGTH, "Camunda's version tag column");
  }

  /** Free text (a comment, a reason): at most max-string-length, storable. */
  public void text(String path, String value) {
    text(path, value, limits.maxStringLength(), "baton.limits.max-string-length");
  }

  /**
   * Text the engine keeps as a string variable (an approver's comment): Camunda's column holds
   * 4000 characters.
   */
  public void engineText(String path, String value) {
    text(path, value, Math.min(limits.maxStringLength(), CAMUNDA_TEXT_COLUMN),
        "Camunda's text column");
  }

  private static final int CAMUNDA_TEXT_COLUMN = 4000;

  private void text(String path, String value, int max, String bound) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      throw new InvalidFieldException(path, path.substring(path.lastIndexOf('.') + 1) + " is "
          + value.length() + " characters long; the limit is " + max,
          "shorten it (" + bound + ")");
    }
    String bad = TextRules.unstorable(value);
    if (bad != null) {
      throw new InvalidFieldException(path, path.substring(path.lastIndexOf('.') + 1)
          + " contains " + bad, "remove it; tabs and line breaks are fine");
    }
  }

  private static void atMost(String path, BigDecimal amount, BigDecimal max, String setting) {
    if (amount != null && amount.compareTo(max) > 0) {
      throw new InvalidFieldException(path, path.substring(path.lastIndexOf('.') + 1) + " is "
          + abbreviated(amount) + "; the most allowed is " + max.toPlainString(),
          "use a smaller amount, or raise baton.limits." + setting);
    }
  }

  /** 1E+400 rather than four hundred zeros. */
  private static String abbreviated(BigDecimal amount) {
    String plain = amount.precision() - amount.scale() > 30 ? amount.toString()
        : amount.toPlainString();
    return plain.length() > 40 ? plain.substring(0, 37) + "..." : plain;
  }

  static String field(String parent, String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? parent + "." + name
        : parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static void finiteNumbers(JsonNode value, String path) {
    if (value.isNumber() && !JsonSize.finite(value)) {
      throw new InvalidFieldException(path, "a number at " + path + " is too large (it "
          + "overflows a 64-bit floating-point number)", "send it as a string, or a smaller "
          + "number");
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        finiteNumbers(field.getValue(), field(path, field.getKey()));
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        finiteNumbers(value.get(i), path + "[" + i + "]");
      }
    }
  }
}
