package io.roomtone.calendarsync;

/** The provider refuses the staff member's grant ({@code invalid_grant}): they must connect again. */
class GrantRevoked extends RuntimeException {

    GrantRevoked(String message) {
        super(message);
    }
}
