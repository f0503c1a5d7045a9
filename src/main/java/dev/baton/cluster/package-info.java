/**
 * Running Baton as a cluster: the role a process plays ({@code baton.role}: an engine node, a
 * worker, or both), the worker's way to an engine node's REST API when it runs without an
 * engine of its own, and the node id that Camunda's history records for each job.
 */
package dev.baton.cluster;
