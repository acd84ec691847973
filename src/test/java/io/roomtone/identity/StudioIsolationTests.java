package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomtone.support.Api;
import io.roomtone.support.Api.OtherStudio;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Studio A's users can neither see nor change anything of studio B: the application filters every
 * query by studio, and PostgreSQL row-level security refuses what a forgotten filter would leak.
 */
@RoomtoneTest
class StudioIsolationTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Studios studios;

    private String roomOf(String token, String name) {
        return api.post("/api/admin/rooms", json("name", name), token)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void aTransactionBegunWithoutAStudioWorksForTheStudioItIsGivenAndOnlyMeanwhile() {
        // as an event listener: its transaction opens before it reads the studio from its event
        OtherStudio ours = api.newStudio();
        OtherStudio theirs = api.newStudio();
        String ourRoom = roomOf(ours.ownerToken(), Api.unique("Ours"));
        String theirRoom = roomOf(theirs.ownerToken(), Api.unique("Theirs"));
        UUID us = UUID.fromString(ours.id());
        UUID them = UUID.fromString(theirs.id());

        List<List<String>> seen = transactions.execute(tx -> {
            List<List<String>> rooms = new java.util.ArrayList<>();
            rooms.add(rooms());
            Tenancy.runAs(us, () -> {
                rooms.add(rooms());
                Tenancy.runAs(them, () -> rooms.add(rooms()));
                rooms.add(rooms());
            });
            rooms.add(rooms());
            return rooms;
        });

        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1)).contains(ourRoom).doesNotContain(theirRoom);
        assertThat(seen.get(2)).contains(theirRoom).doesNotContain(ourRoom);
        assertThat(seen.get(3)).contains(ourRoom).doesNotContain(theirRoom);
        assertThat(seen.get(4)).isEmpty();
    }

    private List<String> rooms() {
        return jdbc.sql("SELECT id::text FROM room").query(String.class).list();
    }

    @Test
    void anotherStudiosOwnerGets404ForOurIdsEvenInTheUrl() {
        String ours = roomOf(api.ownerToken(), Api.unique("Ours"));
        OtherStudio other = api.newStudio();

        api.get("/api/admin/rooms/" + ours, other.ownerToken()).expect(404);
        api.patch("/api/admin/rooms/" + ours, json("name", "Stolen"), other.ownerToken())
                .expect(404);
        api.delete("/api/admin/rooms/" + ours, other.ownerToken()).expect(404);
        assertThat(api.get("/api/admin/rooms", other.ownerToken()).body()).doesNotContain(ours);
        assertThat(api.get("/api/admin/audit", other.ownerToken()).body()).doesNotContain(ours);
        assertThat(api.get("/api/admin/rooms/" + ours, api.ownerToken())
                        .json()
                        .get("name")
                        .asString())
                .startsWith("Ours");
    }

    @Test
    void aSignedInRequestBelongsToItsUsersStudioWhateverTheHeaderSays() {
        OtherStudio other = api.newStudio();
        String theirs = roomOf(other.ownerToken(), Api.unique("Theirs"));

        var response = api.send("GET", "/api/admin/rooms", null, api.ownerToken(), Map.of("X-Studio", other.slug()));

        response.expect(200);
        assertThat(response.body()).doesNotContain(theirs);
    }

    @Test
    void anonymousRequestsAreRoutedByTheStudioHeader() {
        OtherStudio other = api.newStudio();
        String theirs = roomOf(other.ownerToken(), Api.unique("Public"));

        assertThat(api.send("GET", "/api/rooms", null, null, Map.of("X-Studio", other.slug()))
                        .body())
                .contains(theirs);
        assertThat(api.get("/api/rooms", null).body()).doesNotContain(theirs);
        var unknown = api.send("GET", "/api/rooms", null, null, Map.of("X-Studio", "no-such-studio"));
        unknown.expect(404);
        assertThat(unknown.problem().code()).isEqualTo("not_found");
    }

    @Test
    void rowLevelSecurityHidesOtherStudiosRowsFromTheApplicationsConnection() {
        OtherStudio other = api.newStudio();
        roomOf(other.ownerToken(), Api.unique("Hidden"));
        UUID ourStudio = studios.defaultStudio().orElseThrow().id();
        UUID theirStudio = UUID.fromString(other.id());

        // A query that forgets the studio filter, run as our studio: PostgreSQL returns none of theirs.
        long leaked = Tenancy.callAs(
                ourStudio,
                () -> transactions.execute(tx -> jdbc.sql("SELECT count(*) FROM room WHERE studio_id = ?")
                        .param(theirStudio)
                        .query(Long.class)
                        .single()));
        assertThat(leaked).isZero();
        long visibleToThem = Tenancy.callAs(
                theirStudio,
                () -> transactions.execute(tx -> jdbc.sql("SELECT count(*) FROM room WHERE studio_id = ?")
                        .param(theirStudio)
                        .query(Long.class)
                        .single()));
        assertThat(visibleToThem).isPositive();
        // No studio bound: no studio-owned rows at all.
        long unbound = transactions.execute(
                tx -> jdbc.sql("SELECT count(*) FROM room").query(Long.class).single());
        assertThat(unbound).isZero();
    }

    @Test
    void rowLevelSecurityRefusesWritingIntoAnotherStudio() {
        OtherStudio other = api.newStudio();
        UUID ourStudio = studios.defaultStudio().orElseThrow().id();

        assertThatThrownBy(() -> Tenancy.runAs(
                        ourStudio,
                        () -> transactions.executeWithoutResult(
                                tx -> jdbc.sql("INSERT INTO room (studio_id, name) VALUES (?, 'Planted')")
                                        .param(UUID.fromString(other.id()))
                                        .update())))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("violates row-level security policy");
    }

    @Test
    void requestsRunAsARoleThatCannotBypassRowLevelSecurity() {
        Map<String, Object> role = transactions.execute(
                tx -> jdbc.sql("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
                        .query()
                        .singleRow());
        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false);
    }
}
