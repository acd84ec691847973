package io.roomtone.calendarsync;

/**
 * A provider answered a calendar call with an error, or did not answer. {@code status} is the HTTP
 * status (0 when there was no answer).
 */
class ProviderFailure extends RuntimeException {

    private final int status;

    ProviderFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The access token was not accepted: refresh it and try once more. */
    boolean unauthorized() {
        return status == 401;
    }

    /** The event is not there (any more). */
    boolean gone() {
        return status == 404 || status == 410;
    }

    /** An event with the chosen id already exists (an earlier attempt made it). */
    boolean conflict() {
        return status == 409;
    }
}
