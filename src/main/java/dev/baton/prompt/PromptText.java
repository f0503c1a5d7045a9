package dev.baton.prompt;

/**
 * A template's text as a deploy check finds it.
 *
 * @param version the stored version; null for a file of {@code processes/prompts/} that is not
 *     (yet) in the database, which has no version to pin
 */
public record PromptText(String name, Integer version, String text) {}
