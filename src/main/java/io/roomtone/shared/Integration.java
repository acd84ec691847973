package io.roomtone.shared;

import java.time.Instant;

/**
 * An outside service Roomtone can work with (a payment provider, a mail server, a calendar), as
 * the studio's integrations page reports it. Each module that has one provides a bean; the app
 * works fully without any of them and says which are on.
 */
public interface Integration {

    /**
     * What the integrations page shows.
     *
     * @param healthy whether its latest use worked; null when it is off or has not been used yet
     * @param lastError what went wrong most recently, if anything did since it last worked
     * @param lastSuccessAt when it last worked
     */
    record Status(
            String name,
            String purpose,
            boolean configured,
            String detail,
            Boolean healthy,
            String lastError,
            Instant lastSuccessAt) {

        /** An integration whose use is not tracked (always available, or checked by its provider). */
        public static Status of(String name, String purpose, boolean configured, String detail) {
            return new Status(name, purpose, configured, detail, null, null, null);
        }
    }

    Status status();
}
