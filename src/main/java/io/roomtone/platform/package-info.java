/**
 * What ties Roomtone together: the database (embedded or external), the HTTP edge (security
 * rules, problem responses, request ids, idempotency keys) and the web pages.
 */
@org.springframework.modulith.ApplicationModule
package io.roomtone.platform;
