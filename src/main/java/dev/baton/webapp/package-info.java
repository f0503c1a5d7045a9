/**
 * Baton in Camunda's webapps: the Tasklist filters approvers start from, created at start-up.
 * (The webapps' names, logo and Welcome links are static files under
 * {@code META-INF/resources/webjars/camunda/app}; Baton's guides are served at {@code /docs/}.)
 */
@EngineSide
package dev.baton.webapp;

import dev.baton.EngineSide;
