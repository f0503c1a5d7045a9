package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.BatonProperties;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import dev.baton.prompt.Placeholders;
import dev.baton.prompt.PromptFiles;
import dev.baton.prompt.PromptNames;
import dev.baton.prompt.PromptStore;
import dev.baton.prompt.PromptVersion;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.springframework.stereotype.Component;

/**
 * Renders a node's prompt: its inline {@code config.prompt}, or the template {@code
 * config.prompt_template} names, in the version the deployment pinned ({@code
 * config.prompt_version}, read from the database, where every engine node and worker finds the
 * same text). A template without a pinned version (deployed before templates were stored, or
 * only a file at deploy time) is the latest stored version, else the file in {@code
 * processes/prompts/} ({@code plan_project} is {@code plan_project.md}). Placeholders such as
 * {@code {{input.task}}}, {@code {{plan.output}}} or {@code {{context.plan.output}}} are
 * replaced by run input and earlier outputs; {@code {{input.task|some default}}} gives a default
 * for a value the run may not have. A node without either gets a generic prompt built from its
 * name, the run input and the outputs so far.
 */
@Component
class PromptRenderer {

  /**
   * A rendered prompt.
   *
   * @param template the template and version it came from ({@code plan_project@3}; a file:
   *     {@code plan_project.md}); null for an inline or generic prompt
   */
  record Rendered(String text, String template) {}

  private final PromptFiles files;
  private final PromptStore store;

  PromptRenderer(BatonProperties properties, PromptStore store) {
    this.files = new PromptFiles(properties.processesDir().resolve("prompts"));
    this.store = store;
  }

  Rendered render(AgentCall call, RunVariables variables) {
    return render(call, (Function<String, Object>) variables::get);
  }

  /**
   * Renders from any source of variables: the worker's (a running task's) or a replay's (the
   * recorded outputs of a finished run).
   */
  Rendered render(AgentCall call, Function<String, Object> variables) {
    Rendered prompt = template(call, variables);
    Object feedback = variables.apply(BpmnConventions.feedbackVariable(call.nodeId()));
    // a reviewer sent the work back: their request is part of this round's input
    return feedback == null ? prompt
        : new Rendered(prompt.text() + "\n\nA reviewer asked for changes to your previous "
            + "answer:\n" + feedback + "\n", prompt.template());
  }

  private Rendered template(AgentCall call, Function<String, Object> variables) {
    Function<String, JsonNode> lookup = placeholder -> resolve(placeholder, variables);
    JsonNode inline = call.config().get("prompt");
    if (inline != null && inline.isTextual()) {
      return new Rendered(fill(inline.asText(), lookup, call.nodeId(), "the prompt"), null);
    }
    String template = call.config().path("prompt_template").asText(null);
    if (template == null) {
      return new Rendered(generic(call, variables), null);
    }
    String name = PromptNames.bare(template);
    JsonNode pinned = call.config().get("prompt_version");
    if (pinned != null && pinned.canConvertToExactIntegral()) {
      PromptVersion version = store.version(name, pinned.asInt()).orElseThrow(() ->
          new PromptException("version " + pinned.asInt() + " of prompt template '" + name
              + "' of node '" + call.nodeId() + "' is not in the database"));
      return new Rendered(fill(version.text(), lookup, call.nodeId(),
          "prompt template '" + name + "' (version " + version.version() + ")"),
          name + "@" + version.version());
    }
    Optional<PromptVersion> latest = store.latest(name);
    if (latest.isPresent()) {
      return new Rendered(fill(latest.get().text(), lookup, call.nodeId(),
          "prompt template '" + name + "' (version " + latest.get().version() + ")"),
          name + "@" + latest.get().version());
    }
    String text = files.read(name).orElseThrow(() -> new PromptException("prompt template '"
        + template + "' of node '" + call.nodeId() + "' is neither stored nor found at "
        + files.dir().resolve(name + ".md")));
    return new Rendered(fill(text, lookup, call.nodeId(), "prompt template '" + name + "'"),
        name + ".md");
  }

  /**
   * @param what the prompt, as an error names it ({@code prompt template 'plan' (version 2)})
   */
  static String fill(String template, Function<String, JsonNode> lookup, String nodeId,
      String what) {
    Matcher m = Placeholders.PATTERN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode value = lookup.apply(m.group(1));
      if ((value == null || value.isMissingNode()) && m.group(2) != null) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).trim()));
        continue;
      }
      if (value == null || value.isMissingNode()) {
        throw new PromptException(what + " of node '" + nodeId + "' uses {{" + m.group(1)
            + "}}, which this run does not have");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.isTextual() ? value.asText()
          : value.toPrettyString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code input.task} reads variable {@code input}; {@code context.} is an optional prefix. */
  static JsonNode resolve(String name, Function<String, Object> variables) {
    String path = name.startsWith("context.") ? name.substring("context.".length()) : name;
    int dot = path.indexOf('.');
    String variable = dot < 0 ? path : path.substring(0, dot);
    Object value = variables.apply(variable);
    if (value == null) {
      return null;
    }
    return JsonValues.at(JsonValues.toJson(value), dot < 0 ? "" : path.substring(dot + 1));
  }

  private static String generic(AgentCall call, Function<String, Object> variables) {
    StringBuilder prompt = new StringBuilder()
        .append("You are the ").append(call.agentType()).append(" agent.\n")
        .append("Task: ").append(call.nodeName()).append("\n\n")
        .append("Run input:\n").append(JsonValues.toJson(variables.apply("input")).toPrettyString())
        .append('\n');
    for (String dependency : call.upstream()) {
      Object output = variables.apply(dependency);
      if (output != null) {
        prompt.append("\nResult of ").append(dependency).append(":\n")
            .append(JsonValues.toJson(output).path("output").toPrettyString()).append('\n');
      }
    }
    return prompt.toString();
  }
}
