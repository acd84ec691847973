package io.roomtone.calendarsync;

import java.util.UUID;

/** One provider's OAuth endpoints and calendar API, called outside any database transaction. */
interface CalendarProviderClient {

    ExternalCalendar provider();

    /** Whether the installation has this provider's OAuth client. */
    boolean configured();

    /** The environment variables that configure it, for "not configured" explanations. */
    String configuration();

    String authorizeUrl(String state, String redirectUri);

    /** @throws GrantRevoked when the code is refused */
    Tokens exchange(String code, String redirectUri);

    /** @throws GrantRevoked when the refresh token is revoked or expired */
    Tokens refresh(String refreshToken);

    /**
     * Creates the event, idempotently: a retry after an unknown outcome (same booking, staff member
     * and {@code generation}) does not make a second one. Returns the provider's event id.
     */
    String create(String accessToken, UUID bookingId, UUID staffId, int generation, EventContent content);

    void update(String accessToken, String eventId, EventContent content);

    /** Deletes the event; one that is already gone counts as deleted. */
    void delete(String accessToken, String eventId);
}
