/**
 * Helpers shared by tests of several packages: waiting for a condition ({@link
 * dev.baton.support.Poll}) and driving external tools (node and npm projects under src/test).
 */
package dev.baton.support;
