/**
 * The command line: {@code baton validate SPEC} and {@code baton compile SPEC -o FILE.bpmn},
 * for analysts and CI pipelines. Runs the design-time pieces only, no engine and no
 * application context: {@code validate} runs the platform's check pipeline ({@code
 * workflow.SpecChecks}) against the installation's settings, read from {@code
 * application.yml} and the environment ({@code Installation}).
 */
package dev.baton.cli;
