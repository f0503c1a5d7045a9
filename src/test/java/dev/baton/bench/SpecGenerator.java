package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Generated specs of a given size for the benchmarks. */
final class SpecGenerator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecGenerator() {}

  /** A chain of agent tasks. */
  static String chain(int size) {
    ObjectNode spec = metadata("Chain of " + size);
    ArrayNode nodes = spec.putArray("nodes");
    for (int i = 0; i < size; i++) {
      ObjectNode node = agent(nodes, "n" + i, "builder");
      if (i > 0) {
        node.putArray("dependencies").add("n" + (i - 1));
      }
    }
    return spec.toString();
  }

  /**
   * A realistic large workflow: a backbone chain where every tenth node fans out to three
   * reviewers that the next backbone node joins, plus a condition every 25 nodes.
   */
  static String mixed(int size) {
    ObjectNode spec = metadata("Mixed workflow of " + size);
    ArrayNode nodes = spec.putArray("nodes");
    String previous = null;
    int count = 0;
    int step = 0;
    java.util.List<String> joinNext = new java.util.ArrayList<>();
    while (count < size) {
      String id = "s" + step++;
      ObjectNode node = agent(nodes, id, "builder");
      ArrayNode deps = node.putArray("dependencies");
      if (previous != null) {
        deps.add(previous);
      }
      joinNext.forEach(deps::add);
      joinNext.clear();
      count++;
      if (step % 10 == 0 && count + 3 < size) {
        for (int r = 0; r < 3; r++) {
          agent(nodes, id + "_review" + r, "qa").putArray("dependencies").add(id);
          joinNext.add(id + "_review" + r);
          count++;
        }
      }
      previous = id;
    }
    return spec.toString();
  }

  private static ObjectNode metadata(String name) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", name).put("version", "1.0.0");
    return spec;
  }

  private static ObjectNode agent(ArrayNode nodes, String id, String type) {
    return nodes.addObject().put("id", id).put("type", "agent_task").put("agent_type", type)
        .put("name", "Step " + id);
  }
}
