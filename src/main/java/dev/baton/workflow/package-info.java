/**
 * Workflows: deploying a spec (read, compile, deploy to Camunda with its form) and looking
 * deployed workflows up. A workflow is a Camunda process definition whose key is the slug; the
 * spec travels inside the same deployment as a resource, so Camunda stays the one owner of
 * what is deployed and no table mirrors it. Every spec passes one check pipeline ({@link
 * dev.baton.workflow.SpecChecks}), wherever it is checked. Also deploys {@code processes/} at
 * start-up, never over a version deployed through the API.
 */
@EngineSide
package dev.baton.workflow;

import dev.baton.EngineSide;
