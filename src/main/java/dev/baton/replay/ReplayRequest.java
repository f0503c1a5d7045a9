package dev.baton.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What to replay a run against: a whole spec, or the run's own with new prompts for some agent
 * nodes (inline prompt text, which replaces the node's {@code prompt} or {@code
 * prompt_template}), or a spec with new prompts on top. Neither: the run's own spec, unchanged.
 */
public record ReplayRequest(JsonNode spec, Map<String, String> prompts) {

  public ReplayRequest {
    prompts = prompts == null ? Map.of() : Map.copyOf(prompts);
  }
}
