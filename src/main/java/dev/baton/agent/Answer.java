package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.budget.BudgetReservations;
import dev.baton.budget.CostEntry;
import java.math.BigDecimal;
import java.util.List;

/**
 * An agent task's finished model work, not yet written down: the node's output, the paid calls
 * priced for the ledger, and the reservations that held their worst case.
 *
 * @param output the node's output, or null when the calls failed
 * @param reservation the first call's reservation (null under a soft cap)
 * @param extra reservations of further calls of a tool loop or re-ask; they go back whole
 * @param prompt the rendered prompt the model was given (journalled for replay), or null
 */
record Answer(JsonNode output, List<CostEntry> paid,
    BudgetReservations.Reservation reservation, List<BudgetReservations.Reservation> extra,
    String prompt) {

  /** What the paid calls cost together. */
  static BigDecimal cost(List<CostEntry> paid) {
    return paid.stream().map(CostEntry::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
