/**
 * The failures a caller can act on, shared by every feature: not found, conflict, forbidden,
 * bad request. The API turns each into RFC 7807 problem+json with its HTTP status; features
 * throw them without knowing about HTTP.
 */
package dev.baton.problem;
