package dev.baton.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What a scan read from a bundle: its manifest and what approval installs. Complete only when
 * the scan found no errors.
 *
 * @param prompts the prompt texts by template name ({@code <bundle>.<file>})
 * @param promptFiles the template name of each prompt file ({@code main} to {@code qa.main})
 */
public record ScannedBundle(JsonNode manifest, List<Grant> grants, Policies policies,
    Map<String, String> prompts, Map<String, String> promptFiles, List<TestCase> tests,
    List<Finding> findings) {

  /** A tool of tools.json (or a required tool, without tools.json), scopes read by default. */
  public record Grant(String tool, List<String> scopes, ObjectNode config) {}

  /** policies.json; nulls where it says nothing. */
  public record Policies(List<String> allowedTools, List<String> deniedTools,
      Double maxBudgetPerRunUsd, Integer maxModelCalls, Integer maxToolCalls) {

    static final Policies NONE = new Policies(null, List.of(), null, null, null);
  }

  /** One case of a tests/ file. */
  public record TestCase(String file, int index, String name, String prompt, ObjectNode input,
      boolean json, JsonNode expect) {}

  public boolean ok() {
    return findings.stream().noneMatch(Finding::isError);
  }

  public String name() {
    return manifest == null ? null : manifest.path("name").asText(null);
  }

  public String version() {
    return manifest == null ? null : manifest.path("version").asText(null);
  }
}
