/**
 * Plumbing every capability shares and none owns: configuration, the database and its worker
 * executor, the embedded MariaDB, HTTP routing with its role check, problem+json errors, request
 * bodies and paging, ids, keys and secrets, security headers and rate limits. It names no
 * capability's concepts (households, orders, runs); capabilities import it, never the reverse.
 */
package cn.bangfu.platform;
