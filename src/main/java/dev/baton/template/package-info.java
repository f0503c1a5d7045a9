/**
 * Workflow templates ({@code processes/templates/*.json}): specs with {@code {{params.x}}}
 * placeholders and typed parameters, listed and filled here; the filled spec is deployed by
 * the workflow package's one check pipeline, so a template can yield nothing a hand-written
 * spec could not. Knows nothing of Camunda.
 */
package dev.baton.template;
