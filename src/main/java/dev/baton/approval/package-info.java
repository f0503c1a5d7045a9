/**
 * Approval gates: the pending list, approve and reject. Every decision, from the REST API or
 * from the Camunda Form in Tasklist, is recorded by the same task listener ({@code
 * ${approvals.record(task)}}) into the gate's variable, so both paths leave the same trace in
 * the run and in Camunda history.
 */
package dev.baton.approval;
