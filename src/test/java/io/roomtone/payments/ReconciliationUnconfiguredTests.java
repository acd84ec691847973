package io.roomtone.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Without Stripe's keys there is nothing to reconcile: the API and the page say so, and it is no error. */
@RoomtoneTest
class ReconciliationUnconfiguredTests {

    @Autowired
    Api api;

    @Test
    void theApiAndThePageSayStripeIsNotConfigured() {
        TestStudio studio = new TestStudio(api).openWithApproval();

        JsonNode report = api.get(
                        "/api/admin/reconciliation?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", studio.owner())
                .expect(200)
                .json();
        assertThat(report.get("configured").asBoolean()).isFalse();
        assertThat(report.get("differences")).isEmpty();
        assertThat(api.post(
                                "/api/admin/reconciliation/fees?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                                "{}",
                                studio.owner())
                        .expect(200)
                        .json()
                        .get("fees_imported")
                        .asInt())
                .isZero();

        String page = api.send("GET", "/admin/reconciliation", null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(page.replace("&#39;", "'"))
                .contains("Card payments (Stripe) are not configured here")
                .doesNotContain("Record missing fees");
        String webhooks = api.send(
                        "GET", "/admin/payments/webhooks", null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(webhooks).contains("No webhook events yet");
        // bad periods are still refused, configured or not
        assertThat(api.get(
                                "/api/admin/reconciliation?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                                studio.owner())
                        .status())
                .isEqualTo(400);
    }
}
