/**
 * The BPMN round trip: a compiled BPMN an analyst edited in Camunda Modeler, deployed back
 * through {@code POST /api/workflows}. Baton deploys only compiler output: the edits it can
 * take (names, documentation, the element templates' fields, new agent tasks and approval
 * gates spliced into a flow, the diagram's layout) are carried into a spec derived from the
 * spec the BPMN was compiled from ({@code baton.source}); that spec is checked and compiled as
 * any other, and the analyst's layout is laid over the result. Everything else the analyst
 * changed is refused, naming the element, so nothing is dropped silently and no text of an
 * uploaded file ever becomes an expression.
 */
package dev.baton.workflow.bpmn;
