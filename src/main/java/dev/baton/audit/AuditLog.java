package dev.baton.audit;

import java.time.Clock;
import java.util.ArrayList;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the audit log in the caller's transaction: an entry is written when that
 * transaction commits, and not at all when it rolls back. Outside a transaction the entry is
 * written in one of its own.
 *
 * <p>Entries are collected during the transaction and chained just before it commits ({@link
 * AuditChain}): the chain's head stays locked only for the commit itself, never while the
 * engine, or JPA (flushed first), still has rows to write. The head is thus the last lock a
 * transaction takes, and two transactions can never wait for each other through it.
 *
 * <p>One action is recorded once. When Baton records an action itself (a gate decision, a run
 * started or retried through {@code /api}), the engine's own log entries of the same
 * transaction for that operation (task completed, instance created or restarted, deployment
 * created) are left out: Baton's entry already says who did what, with more detail.
 */
@Component
public class AuditLog {

  private final AuditChain chain;
  private final AuditActors actors;
  private final TransactionTemplate own;
  private final Supplier<EntityManagerFactory> jpa;
  private final Clock clock = Clock.systemUTC();

  @Autowired
  AuditLog(AuditChain chain, AuditActors actors, PlatformTransactionManager transactions,
      ObjectProvider<EntityManagerFactory> jpa) {
    this(chain, actors, transactions, (Supplier<EntityManagerFactory>) jpa::getIfAvailable);
  }

  private AuditLog(AuditChain chain, AuditActors actors, PlatformTransactionManager transactions,
      Supplier<EntityManagerFactory> jpa) {
    this.chain = chain;
    this.actors = actors;
    this.jpa = jpa;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * An audit log for an engine built without Baton's application around it (the process
   * tests): the same chain in the same tables; the actor is the engine command's user, else
   * {@code system}.
   */
  public static AuditLog standalone(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    return new AuditLog(new AuditChain(jdbc), new AuditActors(() -> null), transactions,
        () -> null);
  }

  /** Records an action of the caller's, with its transaction. */
  public void append(AuditEvent event) {
    enlist(new Pending(draft(event), false, false));
  }

  /**
   * Records an action in a transaction of its own, committed at once: for attempts that were
   * refused, whose own transaction is rolled back.
   */
  public void appendSeparately(AuditEvent event) {
    AuditChain.Draft draft = draft(event);
    own.executeWithoutResult(status -> chain.write(List.of(draft)));
  }

  /**
   * An operation from the engine's user operation log.
   *
   * @param coveredByBaton whether Baton records this operation itself when it initiates it
   */
  void appendEngineOperation(AuditEvent event, boolean coveredByBaton) {
    enlist(new Pending(draft(event), true, coveredByBaton));
  }

  private AuditChain.Draft draft(AuditEvent e) {
    return new AuditChain.Draft(clock.instant(), e.action(),
        e.actor() == null || e.actor().isBlank() ? actors.current() : e.actor(), e.tenantId(),
        e.resourceType(), e.resourceId(), e.runId(),
        e.details() == null || e.details().isNull() ? null : e.details().toString());
  }

  private void enlist(Pending pending) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      own.executeWithoutResult(status -> chain.write(List.of(pending.draft())));
      return;
    }
    Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
    if (batch == null) {
      batch = new Batch();
      TransactionSynchronizationManager.bindResource(this, batch);
      TransactionSynchronizationManager.registerSynchronization(batch);
    }
    batch.entries.add(pending);
  }

  private record Pending(AuditChain.Draft draft, boolean engine, boolean coveredByBaton) {}

  /** The entries of one transaction, chained just before it commits. */
  private final class Batch implements TransactionSynchronization {

    private final List<Pending> entries = new ArrayList<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      boolean batonRecorded = entries.stream().anyMatch(p -> !p.engine());
      List<AuditChain.Draft> kept = new ArrayList<>(entries.size());
      for (Pending p : entries) {
        if (!(batonRecorded && p.coveredByBaton())) {
          kept.add(p.draft());
        }
      }
      entries.clear();
      if (!kept.isEmpty()) {
        flushJpa();
        chain.write(kept);
      }
    }

    /** JPA would otherwise write its changes at the commit, after the head was locked. */
    private void flushJpa() {
      EntityManagerFactory factory = jpa.get();
      if (factory != null
          && TransactionSynchronizationManager.getResource(factory) instanceof EntityManagerHolder
              holder) {
        holder.getEntityManager().flush();
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
    }
  }
}
