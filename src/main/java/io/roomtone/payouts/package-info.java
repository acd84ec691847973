/**
 * Staff commissions and payouts: when a session is completed, each staff member who worked it
 * accrues their commission rate of its service revenue (net of tax) to the ledger's commission
 * payable, with themselves as the entry's party; what they are owed is that account's balance for
 * them, and a payout pays it down. The ledger is the single source of the figures; this module's own
 * tables say which session or payout each posting came from and make each one happen once.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"booking", "catalog", "payments", "identity", "shared"})
package io.roomtone.payouts;
