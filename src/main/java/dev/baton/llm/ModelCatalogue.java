package dev.baton.llm;

import dev.langchain4j.model.chat.ChatModel;

/**
 * Finds the model an agent asks for by name ({@code config.model}). Until providers are
 * configured every name resolves to the simulated model.
 */
public interface ModelCatalogue {

  /** @param modelName the agent's {@code config.model}, or null for the default */
  ChatModel model(String modelName);
}
