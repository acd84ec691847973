package io.roomtone.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.internal.Tokens;
import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every authenticated request resolves its token with one statement ({@code signed_in_user}, identity
 * V20), which sets the token's studio for the user lookup only: a session token signs its user in,
 * nothing else does, and a caller already in a transaction keeps its own studio.
 */
@RoomtoneTest
class SignedInUserTests {

    @Autowired
    Api api;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private UUID userId(String token) {
        return UUID.fromString(
                api.get("/api/auth/session", token).json().at("/user/id").asString());
    }

    @Test
    void aSessionTokenSignsInItsUserInItsStudio() {
        Api.OtherStudio studio = api.newStudio();

        CurrentUser user = tokens.signedIn(studio.ownerToken()).orElseThrow();

        assertThat(user.studioId()).isEqualTo(UUID.fromString(studio.id()));
        assertThat(user.id()).isEqualTo(userId(studio.ownerToken()));
        assertThat(user.role()).isEqualTo(Role.OWNER);
        assertThat(user.email()).contains("@");
    }

    @Test
    void invitationsExpiredAndUnknownTokensSignNoOneIn() {
        Api.OtherStudio studio = api.newStudio();
        UUID studioId = UUID.fromString(studio.id());
        UUID owner = userId(studio.ownerToken());
        String invitation = tokens.issue(studioId, owner, Tokens.Purpose.INVITATION, Duration.ofDays(1));
        String expired = tokens.issue(studioId, owner, Tokens.Purpose.SESSION, Duration.ofSeconds(-1));

        assertThat(tokens.signedIn(invitation)).isEmpty();
        assertThat(tokens.signedIn(expired)).isEmpty();
        assertThat(tokens.signedIn("not-a-token")).isEmpty();
        assertThat(api.get("/api/auth/session", invitation).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/session", expired).status()).isEqualTo(401);
    }

    @Test
    void aTransactionOfOneStudioKeepsItsStudioAfterResolvingAnotherStudiosToken() {
        Api.OtherStudio ours = api.newStudio();
        Api.OtherStudio theirs = api.newStudio();
        UUID ourOwner = userId(ours.ownerToken());

        Tenancy.runAs(
                UUID.fromString(ours.id()),
                () -> transactions.executeWithoutResult(tx -> {
                    CurrentUser resolved = tokens.signedIn(theirs.ownerToken()).orElseThrow();
                    assertThat(resolved.studioId()).isEqualTo(UUID.fromString(theirs.id()));

                    assertThat(jdbc.sql("SELECT current_setting('roomtone.studio_id')")
                                    .query(String.class)
                                    .single())
                            .isEqualTo(ours.id());
                    // row-level security still shows this transaction our studio's accounts, not theirs
                    assertThat(jdbc.sql("SELECT id FROM app_user")
                                    .query(UUID.class)
                                    .list())
                            .contains(ourOwner)
                            .doesNotContain(resolved.id());
                }));
    }
}
