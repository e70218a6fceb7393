/**
 * Plumbing every capability shares and none owns: configuration, the database and its worker
 * executor, the embedded MariaDB, HTTP routing with its role check ({@code Api}, seeing the caller
 * only through its own {@code Caller} and {@code Authentication}, which identity implements),
 * problem+json errors, request bodies, query parameters ({@code Params}) and paging, Idempotency-Key
 * replay, the business clock and calendar, ids, keys and secrets, security headers and rate limits.
 * It names no capability's concepts (households, orders, runs); capabilities import it, never the
 * reverse (ArchitectureTest).
 */
package cn.bangfu.platform;
