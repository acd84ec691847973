package io.roomtone.notifications;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Without Twilio and without an encryption key (the defaults): the app works fully, writes no texts,
 * keeps phone numbers as before, and the integrations report says why and what to set.
 */
@RoomtoneTest
class SmsOffTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void withoutTwilioNoTextIsWrittenAndTheIntegrationSaysWhy() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        JsonNode account = api.patch("/api/me/account", json("phone", "+1 416 555 0123", "sms_opt_in", true), client)
                .expect(200)
                .json();
        assertThat(account.get("phone_encrypted").asBoolean()).isFalse();

        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 10), TestStudio.at(4, 12)), client);
        assertThat(studio.approve(booked.bookingId(), null).status()).isEqualTo("confirmed");

        // the e-mails are in the log (skipped: no SMTP either), the texts are not written at all
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(studio, booked))
                .anySatisfy(d -> assertThat(d.get("template").asString()).isEqualTo("booking-confirmed")));
        assertThat(deliveries(studio, booked))
                .allSatisfy(d -> assertThat(d.get("channel").asString()).isEqualTo("email"));

        JsonNode sms = null;
        for (JsonNode integration :
                api.get("/api/admin/integrations", studio.owner()).expect(200).json()) {
            if (integration.get("name").asString().equals("sms")) {
                sms = integration;
            }
        }
        assertThat(sms).isNotNull();
        assertThat(sms.get("configured").asBoolean()).isFalse();
        assertThat(sms.get("detail").asString())
                .contains("ROOMTONE_TWILIO_ACCOUNT_SID")
                .contains("unencrypted until ROOMTONE_ENCRYPTION_KEY is set");

        // a test text is refused, saying why
        Api.Response test = api.post("/api/notifications/test", json("channel", "sms"), studio.owner());
        assertThat(test.invalidFields()).containsExactly("channel");
        assertThat(test.body()).contains("ROOMTONE_TWILIO_ACCOUNT_SID");

        // without the key the number is kept as before, in E.164 form
        Map<String, Object> row = Tenancy.callAs(
                UUID.fromString(studio.id()),
                () -> transactions.execute(
                        tx -> jdbc.sql("SELECT phone, phone_sealed, phone_hint FROM app_user WHERE id = :id")
                                .param("id", UUID.fromString(studio.userId(client)))
                                .query()
                                .singleRow()));
        assertThat(row.get("phone")).isEqualTo("+14165550123");
        assertThat(row.get("phone_sealed")).isNull();
        assertThat(row.get("phone_hint")).isEqualTo("0123");
    }

    private java.util.List<JsonNode> deliveries(TestStudio studio, BookedView booked) {
        JsonNode log = api.get("/api/admin/bookings/" + booked.bookingId() + "/deliveries", studio.owner())
                .expect(200)
                .json();
        return java.util.stream.StreamSupport.stream(log.spliterator(), false).toList();
    }
}
