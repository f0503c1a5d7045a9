/**
 * The tamper-evident audit log: who did what to which workflow, run, gate, budget, agent or
 * engine entity, appended in the caller's transaction to a hash chain (Flyway V10) that
 * {@link dev.baton.audit.AuditVerifier} walks to find the first broken link. Baton's services
 * and listeners append their own actions ({@link dev.baton.audit.AuditLog#append}); operations
 * on the engine taken through {@code /engine-rest}, Cockpit, Tasklist or Admin are taken from
 * Camunda's user operation log ({@link dev.baton.audit.EngineOperationAudit}), so nothing
 * depends on which entry point was used.
 */
package dev.baton.audit;
