package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.budget.CallBudget;
import dev.baton.budget.CostRecorder;
import java.math.BigDecimal;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes down what an agent task's model calls left behind in one transaction: the paid calls
 * in the cost ledger, the first reservation settled to what they cost (the others released),
 * and the output in the reply journal. One commit instead of one per step is most of what a
 * task costs the database besides the engine's own work; and the ledger and the budget
 * accounts can never disagree about a call.
 */
@Component
class AnswerSettlement {

  private static final Logger log = LoggerFactory.getLogger(AnswerSettlement.class);

  private final CostRecorder costs;
  private final CallBudget budget;
  private final ReplyJournal journal;
  private final TransactionTemplate transaction;

  AnswerSettlement(CostRecorder costs, CallBudget budget, ReplyJournal journal,
      PlatformTransactionManager transactions) {
    this.costs = costs;
    this.budget = budget;
    this.journal = journal;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Settles a successful answer and journals its output.
   *
   * @return the output the task completes with: this answer's, or the first journalled one when
   *     another worker answered the same task meanwhile (its lock had expired)
   */
  JsonNode settle(LockedExternalTask task, String nodeId, Answer answer) {
    try {
      transaction.executeWithoutResult(status -> {
        pay(answer);
        journal.record(task, nodeId, answer.output(), answer.prompt());
      });
      return answer.output();
    } catch (DuplicateKeyException e) {
      // the failed insert spoilt the transaction (PostgreSQL): pay without journalling
      transaction.executeWithoutResult(status -> pay(answer));
      log.warn("Agent task {} of node {} was answered twice (a lock expired during the call); "
          + "the first journalled reply stands", task.getId(), nodeId);
      return journal.find(task.getId()).orElse(answer.output());
    }
  }

  /** The calls failed: what was paid goes to the ledger, the rest of the reservations back. */
  void abandon(Answer answer) {
    transaction.executeWithoutResult(status -> pay(answer));
  }

  private void pay(Answer answer) {
    costs.write(answer.paid());
    BigDecimal cost = Answer.cost(answer.paid());
    if (cost.signum() > 0 || answer.output() != null) {
      budget.settle(answer.reservation(), cost);
    } else {
      budget.release(answer.reservation());
    }
    answer.extra().forEach(budget::release);
  }
}
