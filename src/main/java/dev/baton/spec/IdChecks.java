package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.SpecBinder.Indexed;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Node ids (format, uniqueness, reserved names) and the references of dependency lists. */
final class IdChecks {

  static final Pattern ID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");

  /** First segments of condition paths; a node with such an id could not be told apart. */
  static final Set<String> RESERVED_IDS = Set.of("input", "context");

  private final CheckContext ctx;

  IdChecks(CheckContext ctx) {
    this.ctx = ctx;
  }

  /** Checks every node id; true when some id is used twice (the graph cannot be built then). */
  boolean ids() {
    Map<String, Integer> seen = new HashMap<>();
    boolean duplicateIds = false;
    for (Indexed<String> entry : ctx.bound().ids()) {
      String id = entry.value();
      String path = JsonPaths.node(entry.index()) + ".id";
      Integer first = seen.putIfAbsent(id, entry.index());
      if (first != null) {
        duplicateIds = true;
        ctx.error(
            path,
            "duplicate node id '" + id + "': already used by " + JsonPaths.node(first),
            "give every node its own id");
      }
      if (!ID.matcher(id).matches()) {
        ctx.error(
            path,
            "invalid node id '" + id + "': ids become BPMN ids and must start with a letter"
                + " or '_' and contain only letters, digits, '_', '.' and '-'",
            "rename it, e.g. '" + suggestId(id) + "'");
      } else if (id.contains("__")) {
        ctx.error(
            path,
            "node id '" + id + "' contains '__', which is reserved for ids Baton generates",
            "use a single '_', e.g. '" + id.replaceAll("_{2,}", "_") + "'");
      }
      if (RESERVED_IDS.contains(id)) {
        ctx.error(
            path,
            "node id '" + id + "' is reserved: condition fields starting with '" + id
                + "' mean something else",
            "rename the node, e.g. '" + id + "_step'");
      }
      if (id.startsWith("baton_")) {
        ctx.error(
            path,
            "node id '" + id + "' starts with 'baton_', which is reserved for Baton's own "
                + "run variables",
            "rename the node, e.g. '" + id.substring("baton_".length()) + "'");
      }
    }
    return duplicateIds;
  }

  private static String suggestId(String id) {
    String cleaned = id.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("_{2,}", "_");
    return cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_'
        ? "n_" + cleaned
        : cleaned;
  }

  /** Dependencies name existing nodes other than their own, each once. */
  void dependencies() {
    JsonNode nodes = ctx.root().path("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode raw = nodes.get(i);
      JsonNode deps = raw.path("dependencies");
      String self = raw.path("id").isTextual() ? raw.path("id").asText() : null;
      String owner = self == null ? JsonPaths.node(i) : "'" + self + "'";
      Set<String> seen = new HashSet<>();
      // an object here has a size too: only an array's entries are references
      for (int j = 0; deps.isArray() && j < deps.size(); j++) {
        if (!deps.get(j).isTextual()) {
          continue;
        }
        String dep = deps.get(j).asText();
        String path = JsonPaths.index(JsonPaths.node(i) + ".dependencies", j);
        if (dep.equals(self)) {
          ctx.error(
              path,
              "node '" + self + "' depends on itself",
              "remove '" + dep + "' from its dependencies");
        } else if (!ctx.indexById().containsKey(dep)) {
          ctx.unknownReference(path, dep, "dependency of " + owner);
        }
        if (!seen.add(dep)) {
          ctx.warning(
              path,
              "'" + dep + "' is listed more than once in the dependencies of " + owner,
              "remove the repeated entry");
        }
      }
    }
  }
}
