package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customers clients pay as at a provider, and the cards purchases saved for later charges
 * (payment_customer, and the saved-card columns of purchase and payment_operation).
 */
@Component
class SavedCards {

    private static final String STRIPE = "stripe";

    private final JdbcClient jdbc;

    SavedCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The provider's customer of {@code party} (a client's account id) at the current studio. */
    Optional<String> customerOf(UUID party) {
        return jdbc.sql(
                        """
                        SELECT customer_ref FROM payment_customer
                         WHERE studio_id = :studio AND party = :party AND provider = :provider
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("party", party)
                .param("provider", STRIPE)
                .query(String.class)
                .optional();
    }

    /** Keeps {@code customer} as {@code party}'s; the first one kept wins (a racing node made the same). */
    void rememberCustomer(UUID party, String customer) {
        jdbc.sql(
                        """
                        INSERT INTO payment_customer (studio_id, party, provider, customer_ref)
                        VALUES (:studio, :party, :provider, :customer) ON CONFLICT DO NOTHING
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("party", party)
                .param("provider", STRIPE)
                .param("customer", customer)
                .update();
    }

    /** The purchase's card intents are made for {@code customer}, saving the card paid with. */
    void attach(UUID reference, String customer) {
        jdbc.sql("UPDATE purchase SET customer_ref = :customer WHERE studio_id = :studio AND reference = :reference")
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .param("customer", customer)
                .update();
    }

    /** The customer the purchase's card intents are made for, if it saves a card. */
    Optional<String> customerOfPurchase(UUID reference) {
        return jdbc.sql(
                        """
                        SELECT customer_ref FROM purchase
                         WHERE studio_id = :studio AND reference = :reference AND customer_ref IS NOT NULL
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .query(String.class)
                .optional();
    }

    /** The card saved for {@code reference}, if its payment succeeded with one. */
    Optional<StripeGateway.SavedCardUse> cardOf(UUID reference) {
        return jdbc.sql(
                        """
                        SELECT customer_ref, payment_method FROM purchase
                         WHERE studio_id = :studio AND reference = :reference AND payment_method IS NOT NULL
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .query((rs, n) ->
                        new StripeGateway.SavedCardUse(rs.getString("customer_ref"), rs.getString("payment_method")))
                .optional();
    }

    /**
     * Keeps the payment method an intent of the purchase's customer succeeded with; an intent of
     * another customer (or of none) saves nothing.
     */
    void keep(UUID reference, String customer, String paymentMethod, Instant at) {
        jdbc.sql(
                        """
                        UPDATE purchase SET payment_method = :method, card_saved_at = :at
                         WHERE studio_id = :studio AND reference = :reference AND customer_ref = :customer
                           AND payment_method IS DISTINCT FROM :method
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .param("customer", customer)
                .param("method", paymentMethod)
                .param("at", Timestamp.from(at))
                .update();
    }

    void markOffSession(UUID operationId) {
        jdbc.sql("UPDATE payment_operation SET off_session = true WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", operationId)
                .update();
    }

    boolean offSession(UUID operationId) {
        return jdbc.sql("SELECT off_session FROM payment_operation WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", operationId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
