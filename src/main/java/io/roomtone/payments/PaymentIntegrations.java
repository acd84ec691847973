package io.roomtone.payments;

import io.roomtone.shared.Integration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment gateways as integrations: manual payments are always on, Stripe when its keys are set. */
@Configuration(proxyBeanMethods = false)
class PaymentIntegrations {

    @Bean
    Integration manualPayments() {
        return () -> Integration.Status.of(
                "manual",
                "Payments received at the studio (cash, card terminal, bank transfer), recorded by the studio",
                true,
                "Always available");
    }

    @Bean
    Integration stripePayments(StripeGateway stripe) {
        return () -> Integration.Status.of(
                "stripe",
                "Card payments online (deposits held until approval, refunds)",
                stripe.configured(),
                stripe.configured()
                        ? "On"
                        : "Off: set ROOMTONE_STRIPE_SECRET_KEY, ROOMTONE_STRIPE_PUBLISHABLE_KEY and "
                                + "ROOMTONE_STRIPE_WEBHOOK_SECRET to take card payments");
    }
}
