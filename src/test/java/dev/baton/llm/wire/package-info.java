/**
 * A local HTTP server that speaks the OpenAI chat-completions and Anthropic messages wire
 * protocols, scripted per request, so that tests drive langchain4j's real provider clients
 * (and Baton runs through them) against normal replies, tool calls, 429s, 5xx, slow and
 * malformed replies and refused keys, without a network or a key.
 */
package dev.baton.llm.wire;
