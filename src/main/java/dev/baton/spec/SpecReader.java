package dev.baton.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a workflow spec: parses the JSON, checks its {@link SpecLimits}, checks it against the
 * published schema, binds it to {@link WorkflowSpec} and runs the semantic checks, collecting
 * every problem on the way rather than stopping at the first. Size, nesting and node count are
 * checked first and alone, so that an oversized spec costs milliseconds. Thread-safe; build one
 * and share it.
 */
public final class SpecReader {

  private final ObjectMapper mapper;
  private final SpecLimits limits;
  private final LimitsCheck limitsCheck;
  private final JsonSchemaCheck schemaCheck;
  private final SpecBinder binder = new SpecBinder();
  private final SemanticChecks semanticChecks;

  public SpecReader(AgentTypes agentTypes) {
    this(agentTypes, SpecLimits.DEFAULTS);
  }

  public SpecReader(AgentTypes agentTypes, SpecLimits limits) {
    this.limits = limits;
    // duplicate keys would silently keep the last value; trailing tokens hide a pasting
    // mistake; the constraints stop the parser itself at the limits
    this.mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxSpecBytes())
                .maxNameLength(Math.max(limits.maxNameLength(), 1000))
                .maxNumberLength(1000)
                .maxDocumentLength(limits.maxSpecBytes())
                .build())
            .build())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    this.limitsCheck = new LimitsCheck(limits);
    this.schemaCheck = new JsonSchemaCheck();
    this.semanticChecks = new SemanticChecks(agentTypes, limits);
  }

  public SpecLimits limits() {
    return limits;
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
    // a char is at least one UTF-8 byte: a text with more chars than the limit is over it
    boolean tooManyChars = json.length() > limits.maxSpecBytes();
    long bytes = tooManyChars ? json.length() : utf8Length(json);
    if (bytes > limits.maxSpecBytes()) {
      return new SpecReport(null, List.of(SpecProblem.error(JsonPaths.ROOT,
          "the spec is " + bytes + (tooManyChars ? " characters" : " bytes") + " long; the "
              + "limit is " + limits.maxSpecBytes() + " bytes",
          "split the workflow, move long texts into prompt templates, or raise "
              + "baton.limits.max-spec-bytes")));
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (StreamConstraintsException e) {
      return new SpecReport(null, List.of(SpecProblem.error(JsonPaths.ROOT,
          "the spec exceeds a parser limit: " + firstLine(e.getOriginalMessage()),
          "nest objects and arrays at most " + limits.maxDepth() + " deep and keep numbers "
              + "and strings short (baton.limits.*)")));
    } catch (JsonProcessingException e) {
      return new SpecReport(null, List.of(malformed(e)));
    }
    return read(tree, bytes);
  }

  /** Checks and binds an already parsed document. */
  public SpecReport read(JsonNode tree) {
    return read(tree, -1);
  }

  private SpecReport read(JsonNode tree, long bytes) {
    if (tree == null || tree.isMissingNode()) {
      return read("");
    }
    List<SpecProblem> structure = limitsCheck.structure(tree, bytes);
    if (!structure.isEmpty()) {
      return new SpecReport(null, structure);
    }
    LimitsCheck.Values values = limitsCheck.values(tree);
    if (values.unreadable()) {
      return new SpecReport(null, values.problems());
    }
    List<SpecProblem> problems = new ArrayList<>(values.problems());
    problems.addAll(schemaCheck.check(tree));
    if (!tree.isObject()) {
      return new SpecReport(null, problems, tree);
    }
    SpecBinder.Bound bound = binder.bind(tree);
    if (bound.nodesArray()) {
      problems.addAll(semanticChecks.check(tree, bound));
    }
    boolean errors = problems.stream().anyMatch(SpecProblem::isError);
    return new SpecReport(errors ? null : bound.toSpec(), problems, tree);
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text;
    int newline = line.indexOf('\n');
    return (newline > 0 ? line.substring(0, newline) : line).strip();
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
