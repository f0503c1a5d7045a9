/**
 * Who may do what, enforced by the engine: Baton's roles as Camunda groups, the Camunda
 * authorizations each role gets (created at start-up, authorization is on), tenants, the
 * caller of an API request with the engine authentication that goes with it, and the HTTP
 * security of {@code /api}, {@code /engine-rest} and {@code /actuator}. See docs/security.md.
 */
package dev.baton.security;
