/**
 * The LLM layer: langchain4j {@link dev.langchain4j.model.chat.ChatModel}s behind one catalogue,
 * and the offline simulated model that is the default. Knows nothing of Camunda; the agent
 * worker is the only place where the two meet.
 */
package dev.baton.llm;
