package io.roomtone.platform.web;

import java.util.Locale;

/**
 * The rate limits Roomtone applies, each counted for one kind of subject. A password guesser is
 * slowed per network and per e-mail address tried (so that spreading guesses over many addresses,
 * or over many networks, does not help); bookings are counted per account and per network;
 * anonymous availability searches that the answer cache cannot serve per network. Mails to an
 * account's address (password reset, sign-in link) have buckets of their own, so that a guesser who
 * used up an address's sign-in limit does not also keep its owner from the way in by mail.
 */
enum RateLimit {
    LOGIN_PER_EMAIL(Subject.EMAIL, "Too many sign-in attempts for this e-mail address"),
    LOGIN_PER_IP(Subject.NETWORK, "Too many sign-in attempts from your network"),
    REGISTER_PER_IP(Subject.NETWORK, "Too many new accounts from your network"),
    BOOKING_PER_USER(Subject.USER, "Too many booking requests from your account"),
    BOOKING_PER_IP(Subject.NETWORK, "Too many booking requests from your network"),
    SEARCH_PER_IP(Subject.NETWORK, "Too many availability searches from your network"),
    ACCOUNT_MAIL_PER_EMAIL(Subject.EMAIL, "Too many account mails asked for this e-mail address"),
    ACCOUNT_MAIL_PER_IP(Subject.NETWORK, "Too many account mails asked for from your network"),
    OPERATOR_PER_IP(Subject.NETWORK, "Too many failed operator sign-ins from your network"),
    OPERATOR_PER_ACCOUNT(Subject.OPERATOR, "Too many failed sign-ins for this operator account"),
    CALENDAR_PER_LINK(Subject.LINK_TOKEN, "Too many requests for this calendar link"),
    CALENDAR_PER_IP(Subject.NETWORK, "Too many calendar requests from your network"),
    MANAGE_PER_IP(Subject.NETWORK, "Too many requests for booking links from your network"),
    WEBHOOK_PER_IP(Subject.NETWORK, "Too many webhook calls from your network");

    /** What a limit counts requests of. */
    enum Subject {
        /** The client's address as the servlet container reports it (see {@link ClientNetwork}). */
        NETWORK,
        /** The signed-in account; anonymous requests are not counted. */
        USER,
        /** The {@code email} of a JSON body or a form; requests without one are not counted. */
        EMAIL,
        /** The user name of HTTP Basic credentials (the platform operator's). */
        OPERATOR,
        /** The {@code token} query parameter of a secret link (a calendar feed's); requests without one are not counted. */
        LINK_TOKEN
    }

    private final Subject subject;
    private final String refusal;

    RateLimit(Subject subject, String refusal) {
        this.subject = subject;
        this.refusal = refusal;
    }

    Subject subject() {
        return subject;
    }

    /** The start of the problem's {@code detail}. */
    String refusal() {
        return refusal;
    }

    /** The {@code limit} member of the problem response, and the first part of bucket keys. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
