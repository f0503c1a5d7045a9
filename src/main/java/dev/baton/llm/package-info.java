/**
 * The LLM layer: the model catalogue ({@code baton.llm.models}, {@link
 * dev.baton.llm.ProviderCatalogue}) that builds langchain4j models of OpenAI, any
 * OpenAI-compatible server, Anthropic or the offline simulated model; the limits, retries and
 * circuit breakers around every call ({@link dev.baton.llm.ResilientChatModel}, resilience4j);
 * the failure classes of seed 000 ({@link dev.baton.llm.FailureClassifier}, {@link
 * dev.baton.llm.LlmException}, whose blame says whether a transient failure was the call's own,
 * an outage's or a refusal); the breakers' watch that logs and counts their state changes and
 * knows how long an open one still refuses ({@link dev.baton.llm.BreakerWatch}); the patience
 * of models and the engine-side mark of a task waiting for its provider ({@link
 * dev.baton.llm.ProviderWaits}); usage as providers report it; structured replies ({@link
 * dev.baton.llm.ModelReplies}); prices; the {@link dev.baton.llm.Redactor} that cuts keys and
 * other secrets out of provider (and connector) error text before Baton stores, logs or shows
 * it. Knows nothing of Camunda; the agent worker is the only place where the two meet.
 */
package dev.baton.llm;
