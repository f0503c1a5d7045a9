/**
 * The {@code baton} command line's remote half: commands that drive a running Baton server
 * over its REST API ({@code workflows}, {@code runs}, {@code approvals}, {@code agents},
 * {@code budgets}, {@code cost}, {@code status}), as the user named by the environment or a
 * config file. It depends on nothing of the server's code: what it knows of Baton is the API's
 * JSON, so it works against any server version that speaks it.
 */
package dev.baton.cli.remote;
