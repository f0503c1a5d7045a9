/**
 * The built-in {@code git} tool: a working copy per run through JGit (clone, status, list,
 * read, write, delete, branch, diff, commit, push, log), confined to its workspace ({@link
 * dev.baton.tool.git.Workspace}: no absolute paths, no {@code ..}, no {@code .git}, no symbolic
 * links) and to the remotes operators allow ({@link dev.baton.tool.git.RemotePolicy}). The gate
 * of {@link dev.baton.tool} has checked assignment, scope, hourly limit and budget, and records
 * and prices every use.
 */
package dev.baton.tool.git;
