package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.BatonProperties;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Renders a node's prompt. {@code config.prompt_template} names a file in {@code
 * processes/prompts/} ({@code plan_project} is {@code plan_project.md}); placeholders such as
 * {@code {{input.task}}}, {@code {{plan.output}}} or {@code {{context.plan.output}}} are
 * replaced by run input and earlier outputs; {@code {{input.task|some default}}} gives a default
 * for a value the run may not have. A node without a template gets a generic prompt
 * built from its name, the run input and the outputs so far.
 */
@Component
class PromptRenderer {

  /** {@code {{name}}} or {@code {{name|default text}}}. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|([^}]*))?}}");

  private final Path promptsDir;

  PromptRenderer(BatonProperties properties) {
    this.promptsDir = properties.processesDir().resolve("prompts");
  }

  String render(AgentCall call, RunVariables variables) {
    String prompt = template(call, variables);
    Object feedback = variables.get(BpmnConventions.feedbackVariable(call.nodeId()));
    // a reviewer sent the work back: their request is part of this round's input
    return feedback == null ? prompt
        : prompt + "\n\nA reviewer asked for changes to your previous answer:\n" + feedback
            + "\n";
  }

  private String template(AgentCall call, RunVariables variables) {
    String template = call.config().path("prompt_template").asText(null);
    if (template == null) {
      return generic(call, variables);
    }
    Path file = promptsDir.resolve(template.endsWith(".md") ? template : template + ".md");
    if (!Files.isRegularFile(file)) {
      throw new PromptException("prompt template '" + template + "' of node '" + call.nodeId()
          + "' not found at " + file);
    }
    try {
      return fill(Files.readString(file), name -> resolve(name, variables), call.nodeId(),
          template);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fill(String template, Function<String, JsonNode> lookup, String nodeId,
      String templateName) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode value = lookup.apply(m.group(1));
      if ((value == null || value.isMissingNode()) && m.group(2) != null) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).trim()));
        continue;
      }
      if (value == null || value.isMissingNode()) {
        throw new PromptException("prompt template '" + templateName + "' of node '" + nodeId
            + "' uses {{" + m.group(1) + "}}, which this run does not have");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.isTextual() ? value.asText()
          : value.toPrettyString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code input.task} reads variable {@code input}; {@code context.} is an optional prefix. */
  static JsonNode resolve(String name, RunVariables variables) {
    String path = name.startsWith("context.") ? name.substring("context.".length()) : name;
    int dot = path.indexOf('.');
    String variable = dot < 0 ? path : path.substring(0, dot);
    Object value = variables.get(variable);
    if (value == null) {
      return null;
    }
    return JsonValues.at(JsonValues.toJson(value), dot < 0 ? "" : path.substring(dot + 1));
  }

  private static String generic(AgentCall call, RunVariables variables) {
    StringBuilder prompt = new StringBuilder()
        .append("You are the ").append(call.agentType()).append(" agent.\n")
        .append("Task: ").append(call.nodeName()).append("\n\n")
        .append("Run input:\n").append(JsonValues.toJson(variables.get("input")).toPrettyString())
        .append('\n');
    for (String dependency : call.upstream()) {
      Object output = variables.get(dependency);
      if (output != null) {
        prompt.append("\nResult of ").append(dependency).append(":\n")
            .append(JsonValues.toJson(output).path("output").toPrettyString()).append('\n');
      }
    }
    return prompt.toString();
  }
}
