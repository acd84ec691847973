/**
 * What reaches people when something happens: e-mails (and SMS) rendered from Thymeleaf templates
 * by listeners of the domain events, kept in an outbox ({@code delivery}) and sent afterwards by a
 * dispatcher with retries and backoff, and in-app notices for the studio's people. Nothing here can
 * fail, slow or undo the change that caused it: listeners run after it committed, and every outside
 * call is made outside any database transaction.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "booking",
            "calendar",
            "calendarsync",
            "catalog",
            "identity",
            "invoicing",
            "payments",
            "scheduling",
            "shared"
        })
package io.roomtone.notifications;
