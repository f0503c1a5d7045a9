/**
 * What {@code /actuator/health} says about Baton beside the database: the model providers'
 * circuit breakers and the budget decision table (the worker's own is {@code
 * dev.baton.agent.WorkerHealth}). Probes for
 * Kubernetes group them (readiness: can this node do work; liveness: is it alive).
 */
package dev.baton.health;
