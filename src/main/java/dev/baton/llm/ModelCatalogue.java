package dev.baton.llm;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Set;

/**
 * Finds the model an agent asks for by its catalogue name ({@code config.model}, see {@code
 * baton.llm.models}). The models it returns apply Baton's limits and throw {@link
 * LlmException}s of seed 000's classes.
 */
public interface ModelCatalogue {

  /**
   * @param modelName the agent's {@code config.model}, or null for the default model
   * @throws LlmException (permanent) for an unknown name or a missing API key
   */
  ChatModel model(String modelName);

  /** The model of nodes that name none. */
  default String defaultModel() {
    return SimulatedChatModel.MODEL_NAME;
  }

  /** The catalogue's names; empty when the catalogue cannot tell. */
  default Set<String> names() {
    return Set.of();
  }
}
