package dev.baton.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spec.NodeSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Renders an agent node's prompt as the worker would ({@link PromptRenderer}, with the node's
 * registry agent applied like {@link AgentSetup}), from variables given by the caller instead
 * of a running task's: replay's dry run. Calls no model and writes nothing.
 */
@Component
public class PromptPreview {

  /** The prompt could not be rendered (a placeholder the run lacks, a missing template). */
  public static final class Unrenderable extends RuntimeException {
    Unrenderable(String message) {
      super(message);
    }
  }

  private final PromptRenderer renderer;
  private final AgentSetup agents;

  PromptPreview(PromptRenderer renderer, AgentSetup agents) {
    this.renderer = renderer;
    this.agents = agents;
  }

  /**
   * @param agentSlug the registry agent deploy matched the node to, or null
   * @param upstream the nodes whose outputs a generic prompt includes (the node's sources)
   * @throws Unrenderable when the worker would fail the node for its prompt
   */
  public String render(NodeSpec node, String agentSlug, List<String> upstream,
      Function<String, Object> variables) {
    ObjectNode config = node.config() == null ? JsonNodeFactory.instance.objectNode()
        : node.config();
    // the worker knows a node by its BPMN activity id, which is the node id
    AgentCall call = new AgentCall(node.id(), node.id(), node.agentType(), config, upstream,
        false, false, agentSlug, Map.of(), List.of());
    try {
      return renderer.render(agents.apply(call), variables).text();
    } catch (PromptException | AgentUnavailableException e) {
      throw new Unrenderable(e.getMessage());
    }
  }
}
