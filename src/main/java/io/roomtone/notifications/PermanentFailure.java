package io.roomtone.notifications;

/**
 * What a {@link Sender} throws for a message that can never go as it is (a phone number the
 * provider refuses as invalid): the {@link Dispatcher} marks it {@code failed} at once, with this
 * message as its error, instead of trying it again and again. A retry from the delivery log still
 * sends it once the cause is fixed.
 */
class PermanentFailure extends Exception {

    PermanentFailure(String message) {
        super(message);
    }
}
