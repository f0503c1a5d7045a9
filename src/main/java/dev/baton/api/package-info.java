/**
 * The REST API of seed 000 ({@code /api/workflows}, {@code /api/workflows/runs}, {@code
 * /api/approvals}) in snake_case JSON, its RFC 7807 error replies, and HTTP security. Thin:
 * each endpoint calls one feature service.
 */
package dev.baton.api;
