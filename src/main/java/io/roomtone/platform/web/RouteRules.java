package io.roomtone.platform.web;

import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Role;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Who may call which route: the single list the security filter chain is built from. A route not
 * named here is refused to everyone, and {@code RouteRulesTests} fails when a controller maps one.
 */
final class RouteRules {

    enum Access {
        PUBLIC,
        SIGNED_IN,
        ADMIN,
        /** The studio's owner only (what only the owner may change, such as where its secrets go). */
        OWNER,
        /** Staff members, admins and owners: the studio's people, not its clients. */
        STAFF,
        /** Owners and admins, and the operator; only the operator in multi-studio mode. */
        OPERATIONS,
        OPERATOR
    }

    /** {@code method} null means every method. */
    record Rule(HttpMethod method, String pattern, Access access) {}

    static final List<Rule> RULES = List.of(
            // web pages and their assets
            new Rule(HttpMethod.GET, "/", Access.PUBLIC),
            new Rule(null, "/setup", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/css/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/js/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/availability", Access.PUBLIC),
            new Rule(null, "/book", Access.PUBLIC),
            new Rule(null, "/book/**", Access.PUBLIC),
            new Rule(null, "/me/**", Access.SIGNED_IN),
            // "manage booking" links of client e-mails: the token in the path is the credential
            new Rule(null, "/manage/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/receipt/**", Access.SIGNED_IN),
            // a studio's own mail server and SMS account: admins see them, only the owner changes them
            new Rule(HttpMethod.POST, "/admin/integrations/mail", Access.OWNER),
            new Rule(HttpMethod.POST, "/admin/integrations/mail/remove", Access.OWNER),
            new Rule(HttpMethod.POST, "/admin/integrations/sms", Access.OWNER),
            new Rule(HttpMethod.POST, "/admin/integrations/sms/remove", Access.OWNER),
            new Rule(null, "/admin", Access.ADMIN),
            new Rule(null, "/admin/**", Access.ADMIN),
            new Rule(null, "/staff", Access.STAFF),
            new Rule(null, "/staff/**", Access.STAFF),
            new Rule(null, "/signin", Access.PUBLIC),
            new Rule(null, "/signup", Access.PUBLIC),
            // ways in by mail: sign-in links, password reset, confirming a registration's address
            new Rule(null, "/signin/**", Access.PUBLIC),
            new Rule(null, "/password/**", Access.PUBLIC),
            new Rule(null, "/account/confirm", Access.PUBLIC),
            new Rule(null, "/join", Access.PUBLIC),
            // public: signing out with a session that already expired must still clear the cookie
            new Rule(HttpMethod.POST, "/signout", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/webjars/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/favicon.ico", Access.PUBLIC),
            new Rule(null, "/error", Access.PUBLIC),
            // API documentation
            new Rule(HttpMethod.GET, "/v3/api-docs/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs.yaml", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui.html", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui/**", Access.PUBLIC),
            // operations: load balancers probe health anonymously; the rest describes the whole
            // installation, so with several studios it is the operator's alone
            new Rule(HttpMethod.GET, "/actuator/health/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/api/ping", Access.PUBLIC),
            new Rule(null, "/actuator/**", Access.OPERATIONS),
            // accounts
            new Rule(HttpMethod.POST, "/api/auth/register", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/login", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/accept-invitation", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/confirm-email", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/password-reset", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/password-reset/confirm", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/sign-in-link", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/auth/sign-in-link/confirm", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/api/auth/session", Access.SIGNED_IN),
            new Rule(HttpMethod.POST, "/api/auth/logout", Access.SIGNED_IN),
            new Rule(HttpMethod.POST, "/api/auth/password", Access.SIGNED_IN),
            // the public catalog
            new Rule(HttpMethod.GET, "/api/rooms", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/api/services", Access.PUBLIC),
            // finding and booking a session
            new Rule(HttpMethod.POST, "/api/availability/search", Access.PUBLIC),
            // live changes of a room's day (server-sent events; the desk's own is under /api/admin)
            new Rule(HttpMethod.GET, "/api/availability/stream", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/quote", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/holds", Access.SIGNED_IN),
            new Rule(null, "/api/bookings/**", Access.SIGNED_IN),
            new Rule(null, "/api/bookings", Access.SIGNED_IN),
            new Rule(HttpMethod.GET, "/api/me/bookings", Access.SIGNED_IN),
            // one's own profile: name, phone, SMS opt-in
            new Rule(HttpMethod.GET, "/api/me/account", Access.SIGNED_IN),
            new Rule(HttpMethod.PATCH, "/api/me/account", Access.SIGNED_IN),
            // a client's own invoices and credit notes (anyone else's are a 404)
            new Rule(HttpMethod.GET, "/api/me/invoices", Access.SIGNED_IN),
            new Rule(HttpMethod.GET, "/api/me/invoices/**", Access.SIGNED_IN),
            // a staff member's own hours, time off and sessions
            new Rule(null, "/api/me/schedule-rules", Access.STAFF),
            new Rule(null, "/api/me/schedule-rules/**", Access.STAFF),
            new Rule(null, "/api/me/exceptions", Access.STAFF),
            new Rule(null, "/api/me/exceptions/**", Access.STAFF),
            new Rule(HttpMethod.GET, "/api/me/assignments", Access.STAFF),
            // in-app notices for the studio's people, and a test message from the desk
            new Rule(HttpMethod.GET, "/api/me/notifications", Access.STAFF),
            new Rule(HttpMethod.POST, "/api/me/notifications/read", Access.STAFF),
            new Rule(HttpMethod.POST, "/api/me/notifications/*/read", Access.STAFF),
            new Rule(HttpMethod.POST, "/api/notifications/test", Access.ADMIN),
            // payment providers' webhooks: verified by their signature, not by a session
            new Rule(HttpMethod.POST, "/api/webhooks/stripe", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/webhooks/stripe/*", Access.PUBLIC),
            // Twilio's incoming texts (STOP, START) and status callbacks: verified by X-Twilio-Signature
            new Rule(HttpMethod.POST, "/api/webhooks/twilio/sms", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/api/webhooks/twilio/status", Access.PUBLIC),
            // calendar files and feeds: calendar apps cannot sign in; the token in the link is the key
            new Rule(HttpMethod.GET, "/api/calendar/ics/**", Access.PUBLIC),
            // the studio's back office; its own mail server and SMS account are changed by its owner only
            new Rule(HttpMethod.PUT, "/api/admin/integrations/mail", Access.OWNER),
            new Rule(HttpMethod.DELETE, "/api/admin/integrations/mail", Access.OWNER),
            new Rule(HttpMethod.PUT, "/api/admin/integrations/sms", Access.OWNER),
            new Rule(HttpMethod.DELETE, "/api/admin/integrations/sms", Access.OWNER),
            new Rule(null, "/api/admin/**", Access.ADMIN),
            // multi-studio installations
            new Rule(null, "/api/platform/**", Access.OPERATOR));

    static final String[] ADMIN_ROLES = {Role.OWNER.name(), Role.ADMIN.name()};

    static final String[] STAFF_ROLES = {Role.OWNER.name(), Role.ADMIN.name(), Role.STAFF.name()};

    static final String[] OPERATIONS_AUTHORITIES = {
        Role.OWNER.authority(), Role.ADMIN.authority(), RequestAuthentication.OPERATOR_AUTHORITY
    };

    private RouteRules() {}
}
