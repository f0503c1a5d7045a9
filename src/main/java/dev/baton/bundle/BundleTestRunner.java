package dev.baton.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.llm.ModelCatalogue;
import dev.baton.prompt.Placeholders;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.springframework.stereotype.Component;

/**
 * Runs a bundle's test cases through Baton's model stack (the catalogue's simulated model, behind
 * the same limits, retries and breaker as a node's calls): renders the case's prompt with its
 * input as the worker renders a node's, asks as the worker asks (system message, JSON reply when
 * the case says so), and checks the expectations. Costs nothing and needs no key: the simulated
 * model is always the one asked, whatever the manifest names, so results are reproducible.
 */
@Component
public class BundleTestRunner {

  /** The catalogue's simulated model ({@code baton.llm.models.baton-simulated}). */
  public static final String MODEL = "baton-simulated";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelCatalogue models;

  BundleTestRunner(ModelCatalogue models) {
    this.models = models;
  }

  /** One case's result; {@code reasons} says why it failed (empty when it passed). */
  public record CaseResult(String file, String name, boolean passed, List<String> reasons,
      String output) {}

  /** Every case's result. */
  public record Report(int passed, int failed, String model, List<CaseResult> cases) {

    public boolean allPassed() {
      return failed == 0;
    }
  }

  public Report run(ScannedBundle bundle) {
    ChatModel model = models.model(MODEL);
    List<CaseResult> results = new ArrayList<>();
    for (ScannedBundle.TestCase c : bundle.tests()) {
      results.add(run(model, bundle, c));
    }
    int passed = (int) results.stream().filter(CaseResult::passed).count();
    return new Report(passed, results.size() - passed, MODEL, results);
  }

  private static CaseResult run(ChatModel model, ScannedBundle bundle,
      ScannedBundle.TestCase c) {
    String template = bundle.promptFiles().get(c.prompt());
    String text = template == null ? null : bundle.prompts().get(template);
    if (text == null) {
      return failed(c, "prompt '" + c.prompt() + "' is not in the bundle", null);
    }
    String prompt;
    try {
      prompt = render(text, c.input());
    } catch (IllegalArgumentException e) {
      return failed(c, e.getMessage(), null);
    }
    String type = bundle.manifest().path("type").asText("custom");
    ChatRequest.Builder request = ChatRequest.builder().messages(
        SystemMessage.from("You are the " + type + " agent running node 'bundle-test' ("
            + c.name() + ") of a Baton workflow."),
        UserMessage.from(prompt));
    if (c.json()) {
      request.responseFormat(ResponseFormat.JSON);
    }
    String output;
    try {
      output = model.chat(request.build()).aiMessage().text();
    } catch (RuntimeException e) {
      return failed(c, "the model call failed: " + e.getMessage(), null);
    }
    List<String> reasons = check(c.expect(), output == null ? "" : output);
    return new CaseResult(c.file(), c.name(), reasons.isEmpty(), reasons, output);
  }

  /** The case's expectations against the reply; what failed, in words. */
  static List<String> check(JsonNode expect, String output) {
    List<String> reasons = new ArrayList<>();
    for (JsonNode wanted : expect.path("contains")) {
      if (!output.contains(wanted.asText())) {
        reasons.add("output does not contain '" + wanted.asText() + "'");
      }
    }
    for (JsonNode unwanted : expect.path("not_contains")) {
      if (output.contains(unwanted.asText())) {
        reasons.add("output contains '" + unwanted.asText() + "'");
      }
    }
    JsonNode parsed = null;
    boolean needsJson = expect.path("valid_json").asBoolean(false)
        || expect.path("fields").size() > 0;
    if (needsJson) {
      try {
        parsed = JSON.readTree(output);
      } catch (JsonProcessingException e) {
        parsed = null;
      }
      if (parsed == null || !parsed.isContainerNode()) {
        reasons.add("output is not valid JSON");
      }
    } else if (expect.has("valid_json") && !expect.get("valid_json").asBoolean()) {
      try {
        JsonNode any = JSON.readTree(output);
        if (any != null && any.isContainerNode()) {
          reasons.add("output is JSON, and the case expects text");
        }
      } catch (JsonProcessingException expected) {
        // text, as expected
      }
    }
    if (parsed != null && parsed.isContainerNode()) {
      for (Map.Entry<String, JsonNode> field : expect.path("fields").properties()) {
        JsonNode actual = parsed.at(field.getKey());
        if (actual.isMissingNode()) {
          reasons.add("output has no " + field.getKey());
        } else if (!same(field.getValue(), actual)) {
          reasons.add(field.getKey() + " is " + actual + ", expected " + field.getValue());
        }
      }
    }
    return reasons;
  }

  /** Numbers compare by value (1 equals 1.0); everything else exactly. */
  private static boolean same(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  /** Fills {@code {{input.x}}} from the case's input, as the worker fills a node's prompt. */
  static String render(String template, ObjectNode input) {
    ObjectNode variables = JSON.createObjectNode();
    variables.set("input", input);
    Matcher m = Placeholders.PATTERN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).startsWith("context.") ? m.group(1).substring(8) : m.group(1);
      JsonNode value = variables.at("/" + name.replace(".", "/"));
      if (value.isMissingNode() || value.isNull()) {
        if (m.group(2) == null) {
          throw new IllegalArgumentException("the prompt uses {{" + m.group(1) + "}}, which "
              + "the case's input does not have (and it has no default)");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).trim()));
        continue;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.isTextual() ? value.asText()
          : value.toPrettyString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static CaseResult failed(ScannedBundle.TestCase c, String reason, String output) {
    return new CaseResult(c.file(), c.name(), false, List.of(reason), output);
  }
}
