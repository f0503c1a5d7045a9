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

  /**
   * How long from now the model's circuit breaker refuses every call (it is open after
   * repeated failures), or zero: a task of that model is better put aside that long than
   * failed. Zero for a model not used yet in this JVM.
   */
  default java.time.Duration refusedFor(String modelName) {
    return java.time.Duration.ZERO;
  }

  /**
   * The last failure of the model's provider that its circuit breaker counted (a refused
   * call's real cause), or null.
   */
  default String lastFailure(String modelName) {
    return null;
  }

  /**
   * How long a task of the model waits out the provider's failures before it becomes an
   * incident: the model's {@code patience}, else its provider's, else {@code baton.llm.patience}.
   */
  default java.time.Duration patience(String modelName) {
    return LlmProperties.DEFAULT_PATIENCE;
  }

  /** The catalogue's names; empty when the catalogue cannot tell. */
  default Set<String> names() {
    return Set.of();
  }
}
