/**
 * The compiler: a checked {@link dev.baton.spec.WorkflowSpec} in, deterministic BPMN 2.0 XML
 * with complete diagram interchange out. Planning (which BPMN elements and flows a spec needs,
 * where joins and transaction boundaries go) is separate from writing (the Camunda Model API)
 * and from geometry ({@code layout}). A pure function of its input: it knows nothing of LLMs,
 * HTTP or the database, and the same spec always gives byte-identical XML.
 */
package dev.baton.compile;
