/**
 * The agent registry: agents (seed 000's slug, title, type, capabilities, config, enabled), the
 * tools they may call and each assignment's scopes, persisted with JPA in Flyway-managed tables.
 * Ships a default agent per type and a tool per connector definition, seeded idempotently so
 * that several engine nodes may start at once. {@link dev.baton.registry.AgentMatcher} picks the
 * agent for a node at deploy time; nothing here knows Camunda.
 */
package dev.baton.registry;
