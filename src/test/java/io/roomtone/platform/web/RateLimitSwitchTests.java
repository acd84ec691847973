package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** {@code roomtone.rate-limits.enabled=false} (what the benchmark runs with) takes the limits away. */
@RoomtoneTest
@TestPropertySource(properties = {"roomtone.rate-limits.enabled=false", "roomtone.rate-limits.login-per-ip=1/1h"})
class RateLimitSwitchTests {

    @Autowired
    Api api;

    @Autowired
    ApplicationContext context;

    @Test
    void switchedOffNothingIsLimited() {
        assertThat(context.getBeansOfType(RateLimitFilter.class)).isEmpty();
        for (int i = 0; i < 5; i++) {
            var login = api.send(
                    "POST",
                    "/api/auth/login",
                    json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD),
                    null,
                    Map.of("X-Forwarded-For", "192.0.2.1"));
            login.expect(200);
        }
    }
}
