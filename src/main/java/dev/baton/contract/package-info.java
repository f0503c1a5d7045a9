/**
 * The engine contract: what the compiler writes into BPMN and the runtime reads back, shared
 * by both so that neither depends on the other. Element and property names, error codes,
 * variable names and gate outcomes ({@link dev.baton.contract.BpmnConventions}), and how JSON
 * travels in process variables ({@link dev.baton.contract.JsonValues}).
 */
package dev.baton.contract;
