/**
 * Money that moves: purchases known only by an opaque reference, every movement of money for them
 * as a {@link io.roomtone.payments.PaymentOperation} through a gateway (manual: the studio records
 * what it received; Stripe: the provider moves it), and an append-only double-entry
 * {@link io.roomtone.payments.Ledger}. It knows nothing about bookings: the booking module calls
 * {@link io.roomtone.payments.Payments} and listens to {@link io.roomtone.payments.PaymentEvents}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "shared"})
package io.roomtone.payments;
