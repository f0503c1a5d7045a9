package dev.baton.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.llm.Redactor;
import dev.baton.prompt.Placeholders;
import dev.baton.prompt.PromptNames;
import dev.baton.prompt.PromptService;
import dev.baton.spec.TextRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a bundle as a whole and lists every finding at once, as the spec checks do: the layout,
 * each JSON file against the bundle schema, tools (unknown to the catalogue, denied by the
 * installation or the bundle's own policies, not allowed by them, required but not granted),
 * secrets in any file (the key shapes and credential pairs of {@link Redactor}), prompt
 * placeholders (as deploy reads them), {@code min_baton_version} against the running version,
 * and the test cases. Pure: the installation comes in as a {@link ScanContext}.
 */
public final class BundleScanner {

  static final String MANIFEST = "manifest.json";
  static final String TOOLS = "tools.json";
  static final String POLICIES = "policies.json";
  static final String PROMPTS = "prompts/";
  static final String TESTS = "tests/";
  static final String DOCS = "docs/";

  /** The run variables a prompt of a bundle may use; anything else names a workflow's node. */
  private static final Set<String> RUN_VARIABLES = Set.of("input", "priority");
  private static final Pattern PROMPT_FILE = Pattern.compile("prompts/([^/]+)\\.(txt|md)");
  /** References to a secret kept elsewhere ({@code $GITHUB_TOKEN}, {@code <your key>}, ...). */
  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?|\\{\\{[^}]*}}|<[^<>\\n]{1,60}>");
  private static final String REFERENCE_MASK = "[redacted:ref]";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScanContext context;

  public BundleScanner(ScanContext context) {
    this.context = context;
  }

  public ScannedBundle scan(BundleFiles bundle) {
    List<Finding> findings = new ArrayList<>();
    layout(bundle, findings);
    secrets(bundle, findings);
    JsonNode manifest = json(bundle, MANIFEST, null, findings);
    if (manifest == null && bundle.file(MANIFEST).isEmpty()) {
      findings.add(Finding.error("layout", MANIFEST, null, "the bundle has no manifest.json "
          + "at its top", "add manifest.json with name, version and type (docs/bundles.md)"));
    }
    String name = manifest == null ? null : manifest.path("name").asText(null);
    if (manifest != null) {
      manifest(manifest, findings);
    }
    JsonNode toolsFile = json(bundle, TOOLS, BundleSchema.TOOLS, findings);
    JsonNode policiesFile = json(bundle, POLICIES, BundleSchema.POLICIES, findings);
    ScannedBundle.Policies policies = policies(policiesFile);
    List<ScannedBundle.Grant> grants = tools(manifest, toolsFile, policies, findings);
    if (manifest != null && policies.maxBudgetPerRunUsd() != null) {
      JsonNode min = manifest.at("/requirements/min_budget_per_run_usd");
      if (min.isNumber() && min.asDouble() > policies.maxBudgetPerRunUsd()) {
        findings.add(Finding.error("policy", MANIFEST, "$.requirements.min_budget_per_run_usd",
            "the agent needs at least $" + min.asText() + " a run, but policies.json allows at "
                + "most $" + policies.maxBudgetPerRunUsd(),
            "raise max_budget_per_run_usd or lower min_budget_per_run_usd"));
      }
    }
    Map<String, String> promptFiles = new LinkedHashMap<>();
    Map<String, String> prompts = prompts(bundle, name, promptFiles, findings);
    List<ScannedBundle.TestCase> tests = tests(bundle, promptFiles, findings);
    List<Finding> sorted = new ArrayList<>(findings.stream().filter(Finding::isError).toList());
    sorted.addAll(findings.stream().filter(f -> !f.isError()).toList());
    return new ScannedBundle(manifest, grants, policies, prompts, promptFiles, tests, sorted);
  }

  private static void layout(BundleFiles bundle, List<Finding> findings) {
    for (String path : bundle.files().keySet()) {
      boolean known = path.equals(MANIFEST) || path.equals(TOOLS) || path.equals(POLICIES)
          || path.startsWith(DOCS) || path.equals("README.md") || path.startsWith(TESTS)
          || path.startsWith(PROMPTS);
      if (!known) {
        findings.add(Finding.warning("layout", path, null, "not part of a bundle's layout; "
            + "kept but not used", "bundles hold manifest.json, prompts/, tools.json, "
            + "policies.json, tests/ and docs/"));
      } else if (path.startsWith(PROMPTS) && !PROMPT_FILE.matcher(path).matches()) {
        findings.add(Finding.warning("layout", path, null, "not a prompt: prompts are .txt or "
            + ".md files directly in prompts/", "move or rename it"));
      } else if (path.startsWith(TESTS) && !path.endsWith(".json")) {
        findings.add(Finding.warning("layout", path, null, "not a test file: test cases are "
            + ".json files under tests/", "move it to docs/"));
      }
    }
  }

  /** Every line of every file through the redactor: whatever it would cut is a secret. */
  private static void secrets(BundleFiles bundle, List<Finding> findings) {
    Redactor redactor = Redactor.patternsOnly();
    bundle.files().forEach((path, text) -> {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = REFERENCE.matcher(lines[i]).replaceAll(REFERENCE_MASK);
        if (count(redactor.redact(line)) > count(line)) {
          findings.add(Finding.error("secret", path, "line " + (i + 1), "looks like a secret "
              + "(an API key, token, password or credential pair); bundles are shared and "
              + "stored, so they must hold none", "remove it; tools take their credentials "
              + "from the server's environment (write $GITHUB_TOKEN or <your token> in "
              + "examples)"));
        }
      }
    });
  }

  private static int count(String text) {
    int n = 0;
    for (int at = text.indexOf(Redactor.MASK); at >= 0;
        at = text.indexOf(Redactor.MASK, at + 1)) {
      n++;
    }
    return n;
  }

  /** A JSON file parsed and schema-checked; null when absent or unreadable. */
  private static JsonNode json(BundleFiles bundle, String file, String def,
      List<Finding> findings) {
    String text = bundle.file(file).orElse(null);
    if (text == null) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      findings.add(Finding.error("schema", file, e.getLocation() == null ? null
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(),
          "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), null));
      return null;
    }
    if (node == null || !node.isObject()) {
      findings.add(Finding.error("schema", file, "$", "must be a JSON object", null));
      return null;
    }
    List<Finding> problems = BundleSchema.get().check(file, node, def);
    findings.addAll(problems);
    return node;
  }

  private void manifest(JsonNode manifest, List<Finding> findings) {
    String type = manifest.path("type").asText(null);
    if (type != null && !context.agentTypes().contains(type)) {
      findings.add(Finding.error("schema", MANIFEST, "$.type", "'" + type + "' is not an "
          + "agent type this installation allows (the built-in types, as far as the governance "
          + "policy's agents.allowed_types allows them)", "use one of " + new TreeSet<>(context.agentTypes())));
    }
    JsonNode model = manifest.at("/configuration/model");
    if (model.isTextual() && !context.models().isEmpty()
        && !context.models().contains(model.asText())) {
      findings.add(Finding.error("schema", MANIFEST, "$.configuration.model", "unknown model '"
          + model.asText() + "'", "use one of " + new TreeSet<>(context.models())));
    }
    JsonNode requirements = manifest.path("requirements");
    JsonNode ours = requirements.get("min_baton_version");
    JsonNode seeds = requirements.get("min_buildrunner_version");
    if (ours != null && seeds != null && !ours.asText().equals(seeds.asText())) {
      findings.add(Finding.warning("version", MANIFEST, "$.requirements.min_buildrunner_version",
          "min_baton_version and its alias min_buildrunner_version differ; min_baton_version "
              + "counts", "keep one of them"));
    }
    JsonNode min = ours != null ? ours : seeds;
    String field = ours != null ? "min_baton_version" : "min_buildrunner_version";
    if (min != null && min.isTextual() && min.asText().matches("[0-9]+(\\.[0-9]+){0,2}")
        && compare(min.asText(), context.runningVersion()) > 0) {
      findings.add(Finding.error("version", MANIFEST, "$.requirements." + field, "the bundle "
          + "needs Baton " + min.asText() + " or later; this is " + context.runningVersion(),
          "upgrade Baton, or use a version of the bundle made for " + context.runningVersion()));
    }
  }

  private ScannedBundle.Policies policies(JsonNode file) {
    if (file == null) {
      return ScannedBundle.Policies.NONE;
    }
    return new ScannedBundle.Policies(
        file.has("allowed_tools") ? strings(file.get("allowed_tools")) : null,
        strings(file.path("denied_tools")),
        file.path("max_budget_per_run_usd").isNumber()
            ? file.get("max_budget_per_run_usd").asDouble() : null,
        file.path("max_model_calls").canConvertToInt()
            && file.path("max_model_calls").isIntegralNumber()
            ? file.get("max_model_calls").asInt() : null,
        file.path("max_tool_calls").isIntegralNumber()
            ? file.get("max_tool_calls").asInt() : null);
  }

  private List<ScannedBundle.Grant> tools(JsonNode manifest, JsonNode toolsFile,
      ScannedBundle.Policies policies, List<Finding> findings) {
    List<ScannedBundle.Grant> grants = new ArrayList<>();
    JsonNode required = manifest == null ? JSON.missingNode()
        : manifest.at("/requirements/required_tools");
    JsonNode optional = manifest == null ? JSON.missingNode()
        : manifest.at("/requirements/optional_tools");
    for (int i = 0; i < required.size(); i++) {
      String tool = required.get(i).asText();
      toolChecks(tool, MANIFEST, "$.requirements.required_tools[" + i + "]", true, policies,
          findings);
    }
    for (int i = 0; i < optional.size(); i++) {
      String tool = optional.get(i).asText();
      if (!context.tools().contains(tool)) {
        findings.add(Finding.warning("tool", MANIFEST, "$.requirements.optional_tools[" + i
            + "]", "optional tool '" + tool + "' is not in this installation's tool catalogue; "
            + "the agent works without it", "GET /api/tools lists the tools"));
      }
    }
    Set<String> granted = new LinkedHashSet<>();
    if (toolsFile != null) {
      JsonNode list = toolsFile.path("tools");
      for (int i = 0; i < list.size(); i++) {
        JsonNode entry = list.get(i);
        String tool = entry.path("name").asText(null);
        if (tool == null) {
          continue; // the schema reported it
        }
        String path = "$.tools[" + i + "]";
        if (!granted.add(tool)) {
          findings.add(Finding.error("tool", TOOLS, path + ".name", "tool '" + tool
              + "' is granted twice", "merge the two entries"));
          continue;
        }
        toolChecks(tool, TOOLS, path + ".name", true, policies, findings);
        List<String> scopes = entry.has("scopes") ? strings(entry.get("scopes"))
            : List.of("read");
        ObjectNode config = entry.get("config") instanceof ObjectNode o ? o : null;
        if (config != null && config.toString().length() > 4000) {
          findings.add(Finding.error("schema", TOOLS, path + ".config", "the grant's config "
              + "is too large (at most 4000 characters as JSON)", null));
        }
        grants.add(new ScannedBundle.Grant(tool, scopes, config));
      }
      for (int i = 0; i < required.size(); i++) {
        String tool = required.get(i).asText();
        if (!granted.contains(tool)) {
          findings.add(Finding.error("tool", MANIFEST, "$.requirements.required_tools[" + i
              + "]", "required tool '" + tool + "' has no grant in tools.json",
              "add {\"name\": \"" + tool + "\", \"scopes\": [\"read\"]} to tools.json"));
        }
      }
    } else {
      // without tools.json, the required tools are granted with scope read
      for (JsonNode tool : required) {
        grants.add(new ScannedBundle.Grant(tool.asText(), List.of("read"), null));
      }
    }
    return grants;
  }

  private void toolChecks(String tool, String file, String path, boolean granted,
      ScannedBundle.Policies policies, List<Finding> findings) {
    if (!context.tools().contains(tool)) {
      findings.add(Finding.error("tool", file, path, "unknown tool '" + tool + "': it is not "
          + "in this installation's tool catalogue" + dev.baton.spec.DidYouMean.suffix(tool,
              context.tools()), "GET /api/tools lists the tools (one per connector)"));
    }
    if (context.deniedTools().contains(tool)) {
      findings.add(Finding.error("tool", file, path, "tool '" + tool + "' is forbidden to "
          + "bundles on this installation (baton.bundles.denied-tools)",
          "remove it; an operator grants it by hand if the agent really needs it"));
    }
    if (granted && policies.deniedTools().contains(tool)) {
      findings.add(Finding.error("tool", file, path, "tool '" + tool + "' is denied by the "
          + "bundle's own policies.json (denied_tools)", "remove one or the other"));
    }
    if (granted && policies.allowedTools() != null && !policies.allowedTools().contains(tool)) {
      findings.add(Finding.error("tool", file, path, "tool '" + tool + "' is not in "
          + "policies.json's allowed_tools", "add it there, or remove the grant"));
    }
  }

  private static Map<String, String> prompts(BundleFiles bundle, String bundleName,
      Map<String, String> promptFiles, List<Finding> findings) {
    Map<String, String> prompts = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : bundle.under(PROMPTS, false).entrySet()) {
      Matcher m = PROMPT_FILE.matcher(file.getKey());
      if (!m.matches()) {
        continue;
      }
      String path = file.getKey();
      String stem = m.group(1);
      String template = (bundleName == null ? "bundle" : bundleName) + "." + stem;
      if (!PromptNames.valid(template)) {
        findings.add(Finding.error("placeholder", path, null, "the prompt would be stored as "
            + "template '" + template + "', which is not a valid template name",
            PromptNames.rule() + "; shorten the file name or the bundle's name"));
        continue;
      }
      if (promptFiles.containsKey(stem)) {
        findings.add(Finding.error("layout", path, null, "prompts/" + stem + ".txt and "
            + "prompts/" + stem + ".md would both be template '" + template + "'",
            "keep one"));
        continue;
      }
      String text = file.getValue();
      if (text.isBlank()) {
        findings.add(Finding.error("placeholder", path, null, "the prompt is empty",
            "write the prompt, or remove the file"));
        continue;
      }
      if (text.length() > PromptService.MAX_TEXT) {
        findings.add(Finding.error("placeholder", path, null, "the prompt is " + text.length()
            + " characters long; a template holds at most " + PromptService.MAX_TEXT, null));
        continue;
      }
      String bad = TextRules.unstorable(text);
      if (bad != null) {
        findings.add(Finding.error("placeholder", path, null, "the prompt contains " + bad,
            "remove it; tabs and line breaks are fine"));
        continue;
      }
      placeholders(path, text, findings);
      promptFiles.put(stem, template);
      prompts.put(template, text);
    }
    if (prompts.isEmpty() && bundle.file(MANIFEST).isPresent()) {
      findings.add(Finding.warning("layout", PROMPTS, null, "the bundle has no prompt; nodes "
          + "using its agent need their own", "add prompts/main.txt"));
    }
    return prompts;
  }

  /** As deploy reads them: {@code {{input.x}}}, {@code {{node.output|default}}}. */
  private static void placeholders(String file, String text, List<Finding> findings) {
    Matcher m = Placeholders.PATTERN.matcher(text);
    Set<Integer> starts = new LinkedHashSet<>();
    Set<String> reported = new LinkedHashSet<>();
    while (m.find()) {
      starts.add(m.start());
      String variable = m.group(1);
      String bare = variable.startsWith("context.")
          ? variable.substring("context.".length()) : variable;
      String root = bare.split("\\.", -1)[0];
      if (RUN_VARIABLES.contains(root) || m.group(2) != null || !reported.add(root)) {
        continue;
      }
      findings.add(Finding.warning("placeholder", file, line(text, m.start()), "{{" + variable
          + "}} names '" + root + "', which is not the run input: it must be a node that runs "
          + "before the one using this prompt", "deploy checks it against that workflow; "
          + "{{input.x}} reads the run input, {{" + variable + "|none}} gives a default"));
    }
    for (int at = text.indexOf("{{"); at >= 0; at = text.indexOf("{{", at + 2)) {
      if (!starts.contains(at) && !starts.contains(at - 1)) {
        int end = Math.min(text.length(), at + 30);
        findings.add(Finding.error("placeholder", file, line(text, at), "'"
            + text.substring(at, end).lines().findFirst().orElse("{{") + "' is not a "
            + "placeholder: the model would get it as it is", "write {{input.name}} or "
            + "{{node.output|default}}: letters, digits, '_', '.' and '-'"));
      }
    }
  }

  private static String line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return "line " + line;
  }

  private static List<ScannedBundle.TestCase> tests(BundleFiles bundle,
      Map<String, String> promptFiles, List<Finding> findings) {
    List<ScannedBundle.TestCase> tests = new ArrayList<>();
    for (String file : bundle.under(TESTS, true).keySet()) {
      if (!file.endsWith(".json")) {
        continue;
      }
      JsonNode doc = json(bundle, file, BundleSchema.TEST, findings);
      if (doc == null) {
        continue;
      }
      JsonNode cases = doc.path("cases");
      for (int i = 0; i < cases.size(); i++) {
        JsonNode c = cases.get(i);
        if (!c.isObject() || !c.path("name").isTextual() || !c.path("expect").isObject()) {
          continue; // the schema reported it
        }
        String prompt = c.path("prompt").asText("main");
        if (!promptFiles.containsKey(prompt)) {
          findings.add(Finding.error("test", file, "$.cases[" + i + "].prompt", "case '"
              + c.get("name").asText() + "' uses prompt '" + prompt + "', which the bundle "
              + "does not have", "name a file of prompts/ without its extension: "
              + promptFiles.keySet()));
          continue;
        }
        tests.add(new ScannedBundle.TestCase(file, i, c.get("name").asText(), prompt,
            c.get("input") instanceof ObjectNode o ? o : JSON.createObjectNode(),
            c.path("json").asBoolean(false), c.get("expect")));
      }
    }
    return tests;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** Compares dotted versions numerically; a pre-release suffix of the running one is ignored. */
  static int compare(String a, String b) {
    String[] x = a.split("[-+]", 2)[0].split("\\.");
    String[] y = b.split("[-+]", 2)[0].split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? parse(x[i]) : 0;
      long q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  private static long parse(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
