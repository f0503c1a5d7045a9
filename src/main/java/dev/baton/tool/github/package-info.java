/**
 * The built-in {@code github} tool: issues, pull requests, comments and file contents over
 * GitHub's REST API, with the token read from the environment at call time, the base URL,
 * repositories and operations set by {@code baton.tools.github.*}, and GitHub's error replies
 * (401, 403, 404, 422, rate limits) turned into messages the agent can act on. The gate of
 * {@link dev.baton.tool} has checked assignment, scope, hourly limit and budget before a call
 * gets here.
 */
package dev.baton.tool.github;
