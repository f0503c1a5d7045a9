package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** The config of an agent_task: prompt, model, limits, tools and output format. */
final class AgentConfigChecks {

  private final CheckContext ctx;
  private final ConfigFields fields;

  AgentConfigChecks(CheckContext ctx) {
    this.ctx = ctx;
    this.fields = new ConfigFields(ctx);
  }

  void check(ObjectNode config, String path) {
    fields.expect(config, path, "prompt_template", JsonNode::isTextual, "a string");
    fields.expect(config, path, "prompt", v -> v.isTextual() && !v.asText().isBlank(),
        "a non-empty string");
    fields.positiveInteger(config, path, "prompt_version");
    prompt(config, path);
    fields.expect(config, path, "agent", v -> v.isTextual() && !v.asText().isBlank(),
        "an agent's slug");
    fields.expect(config, path, "capabilities", v -> ConfigFields.isStringArray(v) && !v.isEmpty(),
        "a non-empty array of capability names");
    fields.positiveInteger(config, path, "max_model_calls");
    fields.positiveInteger(config, path, "max_tool_calls");
    fields.expect(config, path, "model", JsonNode::isTextual, "a string");
    fields.expect(config, path, "fallback_model", JsonNode::isTextual, "a string");
    fields.expect(config, path, "output_schema", JsonNode::isObject, "a JSON Schema object");
    fields.expect(config, path, "critical", JsonNode::isBoolean, "a boolean");
    fields.expect(config, path, "temperature", v -> v.isNumber() && v.asDouble() >= 0, "a number >= 0");
    fields.expect(
        config,
        path,
        "max_tokens",
        v -> v.isIntegralNumber() && v.asLong() > 0,
        "an integer > 0");
    fields.expect(config, path, "tools", ConfigFields::isStringArray, "an array of strings");
    JsonNode format = config.get("output_format");
    boolean known = format != null && Set.of("text", "structured").contains(format.asText());
    if (format != null && !(format.isTextual() && known)) {
      ctx.error(
          JsonPaths.field(path, "output_format"),
          "unknown output_format " + JsonSchemaCheck.describeValue(format)
              + DidYouMean.suffix(format.asText(), List.of("text", "structured")),
          "use \"text\" or \"structured\"");
    }
  }

  /** A node's prompt is inline or a template, not both; a version only of a template. */
  private void prompt(ObjectNode config, String path) {
    if (config.has("prompt") && config.has("prompt_template")) {
      ctx.error(JsonPaths.field(path, "prompt"),
          "config has both 'prompt' (an inline prompt) and 'prompt_template'; a node has one "
              + "prompt",
          "keep 'prompt' to write the prompt here, or 'prompt_template' to use a stored "
              + "template (and remove the other)");
    } else if (config.has("prompt_version") && !config.has("prompt_template")) {
      ctx.error(JsonPaths.field(path, "prompt_version"),
          "config 'prompt_version' has no 'prompt_template' to choose a version of",
          "add 'prompt_template' naming the template, or remove 'prompt_version'");
    }
  }
}
