package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--demo",
        properties = {"roomtone.admin-email=" + Api.OWNER_EMAIL, "roomtone.admin-password=" + Api.OWNER_PASSWORD})
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({Api.class, io.roomtone.support.AccountMailbox.class})
class DemoStudioTests {

    @Autowired
    Api api;

    @Autowired
    DemoStudio demo;

    private JsonNode list(String path) {
        return api.get(path, api.ownerToken()).json();
    }

    @Test
    void theDemoFlagLoadsALivingRecordingStudioOnce() {
        assertThat(list("/api/admin/rooms")).hasSize(3);
        JsonNode services = list("/api/admin/services");
        assertThat(services).hasSize(4);
        assertThat(services.valueStream().filter(s -> s.get("is_addon").asBoolean()))
                .hasSize(1);
        JsonNode staff = list("/api/admin/staff");
        assertThat(staff).hasSize(3);
        assertThat(staff.valueStream().allMatch(s -> !s.get("skills").isEmpty()))
                .isTrue();
        assertThat(list("/api/admin/schedule-rules").size()).isGreaterThanOrEqualTo(5);
        assertThat(list("/api/admin/buffers")).isNotEmpty();
        assertThat(list("/api/admin/exceptions")).hasSize(1);
        assertThat(list("/api/admin/settings").get("name").asString()).contains("demo");
        assertThat(api.get("/api/services", null).json()).hasSize(4);

        demo.run(new DefaultApplicationArguments("--demo"));

        assertThat(list("/api/admin/rooms")).hasSize(3);
    }

    /** This context runs a single studio: its owner may read the operations endpoints. */
    @Test
    void withASingleStudioItsOwnerReadsTheActuator() {
        api.get("/actuator/metrics", api.ownerToken()).expect(200);
        api.get("/actuator/metrics", api.newClient(null)).expect(403);
    }
}
