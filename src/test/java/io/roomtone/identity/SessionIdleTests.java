package io.roomtone.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.shared.Secrets;
import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Owners' and admins' sessions also end after {@code roomtone.admin-idle-timeout} (8 hours) without
 * use; clients' last their whole lifetime. And with several studios, a studio's owner sees only the
 * status of the installation's health, not its details.
 */
@RoomtoneTest
class SessionIdleTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    /** Pretends the session of {@code token} was last used {@code ago}. */
    private void lastSeen(String token, Duration ago) {
        int updated = jdbc.sql(
                        "UPDATE auth_token SET last_seen_at = now() - make_interval(secs => ?) WHERE token_hash = ?")
                .params(ago.toSeconds(), Secrets.sha256(token))
                .update();
        assertThat(updated).isEqualTo(1);
    }

    private Instant lastSeen(String token) {
        return jdbc.sql("SELECT last_seen_at FROM auth_token WHERE token_hash = ?")
                .param(Secrets.sha256(token))
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    @Test
    void anOwnersSessionIdleForLongerThan8HoursEnds() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();

        lastSeen(owner, Duration.ofHours(8).plusMinutes(1));

        api.get("/api/auth/session", owner).expect(401);
        api.get("/api/admin/team", owner).expect(401);
        // and it is gone, not merely refused
        assertThat(jdbc.sql("SELECT count(*) FROM auth_token WHERE token_hash = ?")
                        .param(Secrets.sha256(owner))
                        .query(Long.class)
                        .single())
                .isZero();
        // signing in again works
        api.get("/api/auth/session", api.login(studio.ownerEmail(), Api.OtherStudio.OWNER_PASSWORD, studio.slug()))
                .expect(200);
    }

    @Test
    void usingASessionKeepsItAlive() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();

        lastSeen(owner, Duration.ofHours(7).plusMinutes(50));
        api.get("/api/auth/session", owner).expect(200);

        assertThat(lastSeen(owner)).isAfter(Instant.now().minusSeconds(60));
        api.get("/api/admin/team", owner).expect(200);
    }

    @Test
    void aSessionSeenAMomentAgoIsNotWrittenAgain() {
        TestStudio studio = new TestStudio(api);
        String owner = studio.owner();
        lastSeen(owner, Duration.ofSeconds(20));
        Instant before = lastSeen(owner);

        api.get("/api/auth/session", owner).expect(200);

        assertThat(lastSeen(owner)).isEqualTo(before);
    }

    @Test
    void clientsAndStaffAreNotSignedOutForBeingIdle() {
        TestStudio studio = new TestStudio(api);
        String client = studio.client();
        String engineer = studio.engineer("mixing").token();

        lastSeen(client, Duration.ofDays(3));
        lastSeen(engineer, Duration.ofDays(3));

        api.get("/api/auth/session", client).expect(200);
        api.get("/api/auth/session", engineer).expect(200);
    }

    @Test
    void aStudioOwnerSeesNoInstallationWideHealthDetails() {
        TestStudio studio = new TestStudio(api);

        var asOwner = api.get("/actuator/health", studio.owner()).expect(200).json();
        assertThat(asOwner.get("status").asString()).isEqualTo("UP");
        assertThat(asOwner.has("components")).as(asOwner.toString()).isFalse();

        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (Api.OPERATOR_EMAIL + ":" + Api.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var asOperator = api.send("GET", "/actuator/health", null, null, Map.of("Authorization", basic))
                .expect(200)
                .json();
        assertThat(asOperator.has("components")).as(asOperator.toString()).isTrue();
        // the owner is still signed in afterwards
        api.get("/api/auth/session", studio.owner()).expect(200);
    }
}
