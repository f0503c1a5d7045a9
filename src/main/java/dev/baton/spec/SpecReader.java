package dev.baton.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a workflow spec: parses the JSON, checks it against the published schema, binds it to
 * {@link WorkflowSpec} and runs the semantic checks, collecting every problem on the way
 * rather than stopping at the first. Thread-safe; build one and share it.
 */
public final class SpecReader {

  // duplicate keys would silently keep the last value; trailing tokens hide a pasting mistake
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final JsonSchemaCheck schemaCheck;
  private final SpecBinder binder = new SpecBinder();
  private final SemanticChecks semanticChecks;

  public SpecReader(AgentTypes agentTypes) {
    this.schemaCheck = new JsonSchemaCheck();
    this.semanticChecks = new SemanticChecks(agentTypes);
  }

  /** Reads spec text; malformed JSON is reported as one problem with its line and column. */
  public SpecReport read(String json) {
    if (json == null || json.isBlank()) {
      return new SpecReport(
          null,
          List.of(
              SpecProblem.error(
                  JsonPaths.ROOT,
                  "the spec is empty",
                  "write a JSON object with metadata and nodes")));
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return new SpecReport(null, List.of(malformed(e)));
    }
    return read(tree);
  }

  /** Checks and binds an already parsed document. */
  public SpecReport read(JsonNode tree) {
    if (tree == null || tree.isMissingNode()) {
      return read("");
    }
    List<SpecProblem> problems = new ArrayList<>(schemaCheck.check(tree));
    if (!tree.isObject()) {
      return new SpecReport(null, problems);
    }
    SpecBinder.Bound bound = binder.bind(tree);
    if (bound.nodesArray()) {
      problems.addAll(semanticChecks.check(tree, bound));
    }
    boolean errors = problems.stream().anyMatch(SpecProblem::isError);
    return new SpecReport(errors ? null : bound.toSpec(), problems);
  }

  private static SpecProblem malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where =
        at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String detail = e.getOriginalMessage() == null ? "cannot parse" : e.getOriginalMessage();
    // Jackson appends a second line about the source; the first says what went wrong
    int newline = detail.indexOf('\n');
    if (newline > 0) {
      detail = detail.substring(0, newline);
    }
    String hint =
        detail.startsWith("Duplicate field")
            ? "a key may appear only once per object; remove or rename one"
            : "fix the JSON syntax there (a missing comma, quote or bracket is the usual cause)";
    return SpecProblem.error(
        JsonPaths.ROOT, "malformed JSON" + where + ": " + detail.strip(), hint);
  }
}
