package io.roomtone.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.RoomtoneApplication;
import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SessionView;
import io.roomtone.support.TestSmtp;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two application nodes on one database and one SMTP server race on the same event publication:
 * both resubmit it and both hand the event to their listener at once, while the server is down;
 * then both dispatchers race to send what is due once it is back. The client gets one mail.
 */
@RoomtoneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeMailTests {

    /** Started only once the race is over: until then every attempt to send fails. */
    static final TestSmtp SMTP = new TestSmtp();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @Autowired
    Api api;

    @Autowired
    Environment environment;

    @Autowired
    BookingMails mails;

    @Autowired
    FailedEventPublications failed;

    @Autowired
    JdbcClient jdbc;

    ConfigurableApplicationContext second;

    @BeforeAll
    void startSecondNode() {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "roomtone.database.url=" + environment.getProperty("roomtone.database.url"),
                "roomtone.database.user=postgres",
                "roomtone.multi-studio=true",
                "roomtone.admin-email=" + Api.OWNER_EMAIL,
                "roomtone.admin-password=" + Api.OWNER_PASSWORD,
                "roomtone.operator-email=" + Api.OPERATOR_EMAIL,
                "roomtone.operator-password=" + Api.OPERATOR_PASSWORD));
        properties.addAll(List.of(SMTP.properties()));
        second = new SpringApplicationBuilder(RoomtoneApplication.class)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    @AfterAll
    void stopSecondNodeAndSmtp() {
        if (second != null) {
            second.close();
        }
        SMTP.stop();
    }

    @Test
    void twoNodesRacingOnOnePublicationSendOneConfirmation() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        String clientEmail = api.get("/api/auth/session", client)
                .as(SessionView.class)
                .user()
                .email();
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 10), TestStudio.at(3, 11)), client);
        studio.approve(booked.bookingId(), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(confirmations(studio, booked))
                .singleElement()
                .satisfies(d -> assertThat(d.get("attempts").asInt()).isPositive()));

        // as if the listener had failed on the node that ran it: the publication is handed out again
        int reset = jdbc.sql(
                        """
                        UPDATE event_publication
                           SET completion_date = NULL, status = 'FAILED',
                               publication_date = now() - interval '1 hour'
                         WHERE listener_id LIKE '%BookingMails%' AND event_type LIKE '%BookingApproved'
                           AND serialized_event LIKE :booking
                        """)
                .param("booking", "%" + booked.bookingId() + "%")
                .update();
        assertThat(reset).isOne();
        BookingApproved again = new BookingApproved(
                UUID.fromString(studio.id()), UUID.fromString(booked.bookingId()), booked.code(), null);
        BookingMails otherMails = second.getBean(BookingMails.class);
        FailedEventPublications otherFailed = second.getBean(FailedEventPublications.class);
        Parallel.run(12, i -> {
            switch (i % 4) {
                case 0 -> failed.resubmit(ResubmissionOptions.defaults());
                case 1 -> otherFailed.resubmit(ResubmissionOptions.defaults());
                case 2 -> mails.on(again);
                default -> otherMails.on(again);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        """
                                SELECT bool_and(completion_date IS NOT NULL) FROM event_publication
                                 WHERE listener_id LIKE '%BookingMails%' AND serialized_event LIKE :booking
                                """)
                .param("booking", "%" + booked.bookingId() + "%")
                .query(Boolean.class)
                .single());
        assertThat(confirmations(studio, booked)).hasSize(1);

        SMTP.start();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        SMTP.received(clientEmail, "is confirmed"))
                .hasSize(1));
        assertThat(confirmations(studio, booked))
                .singleElement()
                .satisfies(d -> assertThat(d.get("status").asString()).isEqualTo("sent"));
    }

    private List<JsonNode> confirmations(TestStudio studio, BookedView booked) {
        JsonNode log = api.get("/api/admin/bookings/" + booked.bookingId() + "/deliveries", studio.owner())
                .expect(200)
                .json();
        return StreamSupport.stream(log.spliterator(), false)
                .filter(d -> d.get("template").asString().equals("booking-confirmed"))
                .toList();
    }
}
