package dev.baton.workflow.bpmn;

import dev.baton.problem.UnprocessableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Edits Baton cannot take, collected so that one reply names every one of them. */
final class Refusals {

  private final List<Map<String, String>> refused = new ArrayList<>();

  void add(String elementId, String message, String hint) {
    Map<String, String> problem = new LinkedHashMap<>();
    if (elementId != null) {
      problem.put("element_id", elementId);
    }
    problem.put("message", message);
    if (hint != null) {
      problem.put("hint", hint);
    }
    if (!refused.contains(problem)) {
      refused.add(problem);
    }
  }

  boolean isEmpty() {
    return refused.isEmpty();
  }

  /** @throws UnprocessableException listing every refused edit, when there is one */
  void throwIfAny(String what) {
    if (!refused.isEmpty()) {
      String first = refused.stream().limit(3)
          .map(r -> (r.containsKey("element_id") ? r.get("element_id") + ": " : "")
              + r.get("message"))
          .collect(java.util.stream.Collectors.joining("; "));
      throw new UnprocessableException(what + ": " + refused.size() + " edit(s) cannot be "
          + "deployed (" + first + (refused.size() > 3 ? "; ..." : "") + "); errors names "
          + "each BPMN element with a hint (Baton deploys only what it compiles from a spec, "
          + "see docs/analysts-guide.md)", refused);
    }
  }
}
