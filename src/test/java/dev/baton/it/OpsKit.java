package dev.baton.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped operations kit (docs/ops/): its alert rules and dashboard queries, and the
 * metric names they use.
 */
final class OpsKit {

  static final Path RULES = Path.of("docs/ops/prometheus/baton-alerts.yml");
  static final Path DASHBOARD = Path.of("docs/ops/grafana/baton-dashboard.json");

  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring",
      "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

  private OpsKit() {}

  /** Alert name to its PromQL expression. */
  @SuppressWarnings("unchecked")
  static Map<String, String> alertRules() throws IOException {
    Map<String, String> rules = new LinkedHashMap<>();
    try (Reader in = Files.newBufferedReader(RULES)) {
      Map<String, Object> root = new Yaml().load(in);
      for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          rules.put((String) rule.get("alert"), (String) rule.get("expr"));
        }
      }
    }
    return rules;
  }

  /** Panel title to its queries. */
  static Map<String, List<String>> dashboardQueries() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, List<String>> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.path("panels")) {
      List<String> exprs = panel.path("targets").findValuesAsText("expr");
      if (!exprs.isEmpty()) {
        queries.put(panel.path("title").asText(), exprs);
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("query").has("query")) {
        queries.put("variable " + variable.path("name").asText(),
            List.of(variable.path("query").path("query").asText()));
      }
    }
    return queries;
  }

  /** Every metric a PromQL expression selects (functions, keywords and labels left out). */
  static Set<String> metricsIn(String promql) {
    String bare = promql
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")      // strings
        .replaceAll("\\{[^}]*}", "")                        // label matchers
        .replaceAll("\\[[^]]*]", "")                        // ranges
        .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)",
            "")                                             // label lists
        .replaceAll("label_values\\(([a-zA-Z_:][\\w:]*)\\s*,\\s*\\w+\\)", "$1");
    Set<String> metrics = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String name = m.group(1);
      if (m.group(2) == null && !KEYWORDS.contains(name.toLowerCase())) {
        metrics.add(name);
      }
    }
    return metrics;
  }

  /** Every metric the rules and the dashboard use. */
  static Set<String> allMetrics() throws IOException {
    Set<String> all = new TreeSet<>();
    alertRules().values().forEach(expr -> all.addAll(metricsIn(expr)));
    dashboardQueries().values().forEach(exprs -> exprs.forEach(e -> all.addAll(metricsIn(e))));
    return all;
  }
}
