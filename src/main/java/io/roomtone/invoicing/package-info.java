/**
 * Invoices and credit notes of bookings: a draft when a booking is requested, issued with the
 * studio's next gap-free number when it is confirmed, settled by the booking's payments, corrected
 * only by credit notes; their PDFs and the studio's legal details printed on them. It listens to
 * booking and payment events, inside the transaction that publishes them, so a booking and its
 * invoice commit (or roll back) together.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"booking", "payments", "identity", "shared"})
package io.roomtone.invoicing;
