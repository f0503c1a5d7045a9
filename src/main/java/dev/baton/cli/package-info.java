/**
 * The command line: {@code baton validate SPEC} and {@code baton compile SPEC -o FILE.bpmn},
 * for analysts and CI pipelines. Runs the design-time pieces only; no engine, no Spring.
 */
package dev.baton.cli;
