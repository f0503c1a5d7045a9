/**
 * The compiler: a checked {@link dev.baton.spec.WorkflowSpec} in, deterministic BPMN 2.0 XML
 * with complete diagram interchange out. Planning (which BPMN elements and flows a spec needs,
 * where joins and transaction boundaries go) is separate from writing (the Camunda Model API)
 * and from geometry ({@code layout}). A pure function of its input: it knows nothing of LLMs,
 * HTTP or the database, and the same spec always gives byte-identical XML.
 *
 * <p>No text of a spec becomes an expression: Camunda evaluates JUEL in user task names,
 * candidate groups and users, timers, conditions and listeners. The writer puts names there as
 * escaped literal text ({@link dev.baton.compile.JuelText}), accepts only plain ids as
 * candidates, writes timers from parsed durations, and {@code Expressions} holds the only
 * expression shapes Baton emits, with user text inside JUEL string literals.
 *
 * <p>Agent tasks, approval gates and budget checks name Baton's Camunda Modeler element
 * templates and carry each setting as its own extension property ({@link
 * dev.baton.compile.ModelerTemplates}); a spec's descriptions become documentation.
 */
package dev.baton.compile;
