/**
 * Studios (the tenants), user accounts and their roles, session and API tokens, the per-transaction
 * studio setting that row-level security filters on, and the audit log.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.roomtone.identity;
