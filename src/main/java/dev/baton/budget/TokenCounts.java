package dev.baton.budget;

/** Tokens of one call, kept apart as providers report them. */
public record TokenCounts(long input, long output, long cached, long reasoning) {}
