/**
 * The platform as a whole for operators: {@code GET /api/system/status} (the engine nodes and
 * workers seen recently, runs in flight, the agent-task queue, providers with their limits and
 * circuits, spend today against limits) and the heartbeat every Baton process writes to the
 * shared database, so that any node can answer for all of them.
 */
package dev.baton.system;
