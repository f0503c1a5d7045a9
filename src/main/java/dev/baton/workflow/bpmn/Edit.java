package dev.baton.workflow.bpmn;

/**
 * One change an analyst made to a BPMN, as the reply reports it.
 *
 * @param elementId the BPMN element it concerns; null for the diagram as a whole
 * @param change what changed, in words ("renamed node 'qa' to 'Check quality'")
 */
public record Edit(String elementId, String change) {}
