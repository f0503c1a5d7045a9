/**
 * The REST API of seed 000 ({@code /api/workflows}, {@code /api/workflows/runs}, {@code
 * /api/approvals}) in snake_case JSON, its RFC 7807 error replies, and HTTP security. Thin:
 * each endpoint calls one feature service. Error replies: {@code ProblemHandler} for Baton's
 * controllers; {@code ProblemErrorController}, {@code ErrorRepliesConfiguration} and {@code
 * EngineRestErrors} for everything else under /api, /engine-rest and /actuator (the firewall,
 * Tomcat's own refusals, Spring MVC without a handler, Jersey, filters).
 */
@EngineSide
package dev.baton.api;

import dev.baton.EngineSide;
