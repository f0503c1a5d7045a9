package dev.baton.spec;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of node a workflow spec may contain, by their JSON names. */
public enum NodeType {
  AGENT_TASK("agent_task"),
  APPROVAL_GATE("approval_gate"),
  CONDITION("condition"),
  PARALLEL("parallel");

  private final String json;

  NodeType(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  public static Optional<NodeType> fromJson(String value) {
    return Arrays.stream(values()).filter(t -> t.json.equals(value)).findFirst();
  }
}
