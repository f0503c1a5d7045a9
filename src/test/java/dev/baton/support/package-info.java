/** Helpers shared by tests that drive external tools (node and npm projects under src/test). */
package dev.baton.support;
