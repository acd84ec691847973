package io.roomtone.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database itself keeps what {@link Clients} checks (V32), for whatever writes past the
 * service: only clients may lack an e-mail address, whoever lacks one has a phone, and an address
 * stays unique in its studio. Written through the application's own connection (its role cannot
 * bypass row-level security), inside the studio's tenancy, as a forgetful future query would.
 */
@RoomtoneTest
class ClientContactConstraintsTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    UUID studio;

    @BeforeEach
    void newStudio() {
        studio = UUID.fromString(api.newStudio().id());
    }

    private UUID insert(String email, String phone, String role) {
        return Tenancy.callAs(
                studio,
                () -> transactions.execute(tx -> jdbc.sql(
                                """
                                INSERT INTO app_user (studio_id, email, name, phone, role)
                                VALUES (?, ?, 'Direct', ?, ?) RETURNING id
                                """)
                        .params(studio, email, phone, role)
                        .query(UUID.class)
                        .single()));
    }

    private int update(String set, UUID id) {
        return Tenancy.callAs(
                studio,
                () -> transactions.execute(
                        tx -> jdbc.sql("UPDATE app_user SET " + set + " WHERE studio_id = ? AND id = ?")
                                .params(studio, id)
                                .update()));
    }

    private static void assertViolates(Runnable write, String constraint) {
        assertThatThrownBy(write::run)
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining(constraint);
    }

    @Test
    void aClientMayHaveAPhoneInsteadOfAnEmailAndManyMayHaveNone() {
        UUID first = insert(null, "0176 1234567", "client");
        UUID second = insert(null, "0176 1234567", "client");
        assertThat(first).isNotEqualTo(second);
        long withoutEmail = Tenancy.callAs(
                studio,
                () -> transactions.execute(
                        tx -> jdbc.sql("SELECT count(*) FROM app_user WHERE studio_id = ? AND email IS NULL")
                                .param(studio)
                                .query(Long.class)
                                .single()));
        assertThat(withoutEmail).isEqualTo(2);
    }

    @Test
    void aClientWithoutAnEmailNeedsAPhoneThatIsNotBlank() {
        assertViolates(() -> insert(null, null, "client"), "app_user_reachable");
        assertViolates(() -> insert(null, "   ", "client"), "app_user_reachable");
        UUID walkIn = insert(null, "0176 1", "client");
        assertViolates(() -> update("phone = NULL", walkIn), "app_user_reachable");
        UUID withEmail = insert("mail-" + UUID.randomUUID() + "@example.test", null, "client");
        assertViolates(() -> update("email = NULL", withEmail), "app_user_reachable");
    }

    @Test
    void ownersAdminsAndStaffAlwaysHaveTheEmailTheySignInWith() {
        for (String role : new String[] {"owner", "admin", "staff"}) {
            assertViolates(() -> insert(null, "0176 1", role), "app_user_team_signs_in_with_email");
        }
        UUID walkIn = insert(null, "0176 2", "client");
        assertViolates(() -> update("role = 'staff'", walkIn), "app_user_team_signs_in_with_email");
        UUID staff = insert("staff-" + UUID.randomUUID() + "@example.test", "0176 3", "staff");
        assertViolates(() -> update("email = NULL", staff), "app_user_team_signs_in_with_email");
    }

    @Test
    void anEmailStaysUniqueInItsStudioAndLowerCase() {
        String email = "unique-" + UUID.randomUUID() + "@example.test";
        insert(email, null, "client");
        assertViolates(() -> insert(email, "0176 4", "client"), "app_user_studio_id_email_key");
        assertViolates(
                () -> insert("Upper-" + UUID.randomUUID() + "@example.test", null, "client"), "app_user_email_check");
    }
}
