/**
 * Diagram layout for generated BPMN: turns a {@link dev.baton.compile.layout.LayoutGraph} (shape
 * sizes, flows, boundary events, labels) into the coordinates of its BPMN DI, left to right in
 * layers. Pure Java and deterministic; it knows nothing of BPMN, Spring or Camunda, and {@link
 * dev.baton.compile.layout.LayeredLayout} is its only entry point.
 */
package dev.baton.compile.layout;
