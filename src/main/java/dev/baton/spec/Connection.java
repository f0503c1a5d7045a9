package dev.baton.spec;

/**
 * A directed link between two nodes, from an explicit edge or from a {@code dependencies} entry
 * (which is taken on the source's ordinary outcome).
 */
public record Connection(String from, String to, EdgeCondition condition) {

  public boolean isOutcome(Outcome outcome) {
    return condition instanceof EdgeCondition.OnOutcome on && on.outcome() == outcome;
  }
}
