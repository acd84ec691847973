package io.roomtone.notifications;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the settings of a studio's own mail server and SMS account share: their checks, and the
 * reading, locking and removing of their one row per studio ({@code table} is one of ours, never input).
 */
final class SenderFields {

    /** A DNS name (or an IPv4 address, which has the same form): labels of 1–63 letters, digits, dashes. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");

    /** No line breaks or other control characters: they would end an SMTP command early. */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]*");

    private SenderFields() {}

    static boolean hostName(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An address a server accepts in {@code MAIL FROM}: a plain local part, {@code @}, a host with a dot. */
    static boolean emailAddress(String address) {
        if (address == null || address.length() > 254) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String domain = address.substring(at + 1);
        return LOCAL_PART.matcher(address.substring(0, at)).matches()
                && !address.startsWith(".")
                && domain.contains(".")
                && hostName(domain);
    }

    static boolean printable(String value, int maxLength) {
        return value == null
                || (value.length() <= maxLength && PRINTABLE.matcher(value).matches());
    }

    /** What the owner sees of a secret: its last four characters. */
    static String hint(String secret) {
        return secret.substring(Math.max(0, secret.length() - 4));
    }

    static void requireOwner(CurrentUser user, String what) {
        if (user == null || user.role() != Role.OWNER) {
            throw new RoomtoneException(ProblemCode.FORBIDDEN, "Only the studio's owner may change its " + what + ".");
        }
    }

    /**
     * One change at a time per studio and table: keeping the stored secret reads the row the next
     * change may replace or remove.
     */
    static void lock(JdbcClient jdbc, String table, UUID studio) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))")
                .params(table, studio.toString())
                .query((rs, n) -> 0)
                .list();
    }

    /** The studio's row of {@code table}, read in a transaction of its own as that studio (RLS). */
    static <T> Optional<T> row(
            JdbcClient jdbc, TransactionTemplate reads, String table, UUID studio, RowMapper<T> mapper) {
        return Tenancy.callAs(
                studio,
                () -> reads.execute(tx -> jdbc.sql("SELECT * FROM " + table + " WHERE studio_id = :studio")
                        .param("studio", studio)
                        .query(mapper)
                        .optional()));
    }

    /** Deletes the current studio's row of {@code table}; whether there was one. */
    static boolean delete(JdbcClient jdbc, String table, UUID studio) {
        return jdbc.sql("DELETE FROM " + table + " WHERE studio_id = :studio")
                        .param("studio", studio)
                        .update()
                > 0;
    }
}
