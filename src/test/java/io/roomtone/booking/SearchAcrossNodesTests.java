package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.RoomtoneApplication;
import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two application nodes on one database, each caching availability: what one node books, the other
 * stops offering (told by a PostgreSQL notification), and the node that booked never offers it again.
 */
@RoomtoneTest
class SearchAcrossNodesTests {

    @Autowired
    Api api;

    @Autowired
    Environment environment;

    @Test
    void aBookingOnOneNodeLeavesEveryNodesSearches() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String service = studio.service().create();
        String ten = at(3, 10);
        try (ConfigurableApplicationContext second = secondNode()) {
            Api other = new Api(second.getEnvironment());
            // both nodes have answered (and cached) the question before anything changes
            assertThat(starts(api, studio, room, service)).contains(ten);
            assertThat(starts(other, studio, room, service)).contains(ten);

            String client = studio.client();
            String id =
                    studio.book(booking(room, service, ten, at(3, 11)), client).bookingId();

            assertThat(starts(api, studio, room, service)).doesNotContain(ten);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(starts(other, studio, room, service))
                    .doesNotContain(ten));

            other.post("/api/bookings/" + id + "/cancel", json("reason", "moved"), client)
                    .expect(200);

            assertThat(starts(other, studio, room, service)).contains(ten);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(starts(api, studio, room, service))
                    .contains(ten));
        }
    }

    private ConfigurableApplicationContext secondNode() {
        return new SpringApplicationBuilder(RoomtoneApplication.class)
                .properties(
                        "server.port=0",
                        "roomtone.database.url=" + environment.getProperty("roomtone.database.url"),
                        "roomtone.database.user=postgres",
                        "roomtone.multi-studio=true",
                        "roomtone.admin-email=" + Api.OWNER_EMAIL,
                        "roomtone.admin-password=" + Api.OWNER_PASSWORD,
                        "roomtone.operator-email=" + Api.OPERATOR_EMAIL,
                        "roomtone.operator-password=" + Api.OPERATOR_PASSWORD)
                .run();
    }

    private static List<String> starts(Api node, TestStudio studio, String room, String service) {
        String date = LocalDate.now(TestStudio.ZONE).plusDays(3).toString();
        return node.send(
                        "POST",
                        "/api/availability/search",
                        json("date", date, "duration_min", 60, "service_id", service, "room_id", room),
                        null,
                        Map.of("X-Studio", studio.slug()))
                .expect(200)
                .json()
                .get("slots")
                .valueStream()
                .map(slot -> slot.get("start_at").asString())
                .toList();
    }
}
