/**
 * The server's entry point and wiring: {@code Main} reads the environment, {@code LedgerServer}
 * builds the platform (database, router, keys) and hands it to each capability. Nothing else lives
 * here; a capability's routes, service and repository sit in its own package.
 */
package cn.bangfu;
