package io.roomtone.shared;

/**
 * An outside service Roomtone can work with (a payment provider, a mail server, a calendar), as
 * the studio's integrations page reports it. Each module that has one provides a bean; the app
 * works fully without any of them and says which are on.
 */
public interface Integration {

    /** What the integrations page shows. */
    record Status(String name, String purpose, boolean configured, String detail) {}

    Status status();
}
