package io.roomtone.shared;

/**
 * The stable, machine-readable {@code code} of every problem response. Clients switch on these, so
 * they never change once published.
 */
public enum ProblemCode {
    VALIDATION_FAILED(400),
    MALFORMED_REQUEST(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    IN_USE(409),
    SLOT_UNAVAILABLE(409),
    INVALID_TRANSITION(409),
    /** A refund of more than was received and not yet refunded. */
    REFUND_EXCEEDS_PAID(409),
    /** A payout of more than the staff member is owed in commissions now. */
    PAYOUT_EXCEEDS_OWED(409),
    IDEMPOTENCY_IN_PROGRESS(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    IDEMPOTENCY_CONFLICT(422),
    /** Too many requests of one kind (sign-ins, bookings...); the response says which and when to retry. */
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    /** A payment provider did not answer a read we cannot do without (the reconciliation's); try again later. */
    PROVIDER_UNAVAILABLE(503);

    private final int status;

    ProblemCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code of a problem known only by its HTTP status (raised by Spring MVC or the servlet
     * container): the general code of that status.
     */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            default -> status >= 400 && status < 500 ? VALIDATION_FAILED : INTERNAL_ERROR;
        };
    }

    /** The value written to the {@code code} member of a problem response. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
