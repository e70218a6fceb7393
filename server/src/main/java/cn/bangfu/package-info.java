/**
 * The server's entry point and wiring: {@code Main} reads the environment, {@code LedgerServer}
 * builds the platform (database, router, keys) and each capability's services, and each capability
 * mounts its own routes ({@code XxxRoutes.mount(api, services)}). Nothing else lives here; a capability's routes, service and repository sit in its own package.
 */
package cn.bangfu;
