/**
 * Connector definitions ({@code connectors/*.json}): declarative HTTP calls with URL, header and
 * body templates, secrets referenced as {@code ${env:NAME}} and resolved from the environment at
 * call time, response mapping, scopes, rate limit and cost per use. {@link
 * dev.baton.connector.ConnectorClient} carries one operation out over real HTTP. Knows nothing of
 * agents or Camunda.
 */
package dev.baton.connector;
