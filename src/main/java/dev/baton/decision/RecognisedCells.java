package dev.baton.decision;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Cells of a plain form ({@link Literal}, {@link BooleanCheck}) recognised once per text and
 * remembered, like the parsed expressions: a table's cells are the same on every evaluation.
 *
 * @param <T> what a recognised cell is
 */
final class RecognisedCells<T> {

  /** Longer cells are never of a plain form worth remembering. */
  private static final int MAX_LENGTH = 200;

  private final Map<String, Optional<T>> known = new ConcurrentHashMap<>();
  private final Function<String, T> recognise;

  /** @param recognise the form a cell's text is, or null when it is of no such form */
  RecognisedCells(Function<String, T> recognise) {
    this.recognise = recognise;
  }

  /** The form the cell is, or null when it is anything else. */
  T of(String cell) {
    if (cell == null || cell.length() > MAX_LENGTH) {
      return null;
    }
    if (known.size() >= CachingFeelEngine.MAX_CACHED) {
      known.clear();
    }
    return known.computeIfAbsent(cell, text -> Optional.ofNullable(recognise.apply(text)))
        .orElse(null);
  }
}
