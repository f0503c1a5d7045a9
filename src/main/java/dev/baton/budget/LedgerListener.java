package dev.baton.budget;

import java.util.List;

/**
 * Told of ledger entries as they are written, in the writer's thread and transaction (a
 * listener that counts must wait for the commit itself). Tracing and metrics hang here, so the
 * budget knows nothing of them.
 */
public interface LedgerListener {

  void written(List<CostEntry> entries);
}
