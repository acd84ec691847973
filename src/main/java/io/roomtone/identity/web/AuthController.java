package io.roomtone.identity.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Registrations;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Role;
import io.roomtone.identity.UserAccount;
import io.roomtone.identity.internal.AccountRecovery;
import io.roomtone.identity.internal.Sessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Auth", description = "Registration, sign-in and sessions")
@RestController
@RequestMapping("/api/auth")
class AuthController {

    record UserView(UUID id, String email, String name, Role role) {
        static UserView of(UserAccount account) {
            return new UserView(account.id(), account.email(), account.name(), account.role());
        }

        static UserView of(CurrentUser user) {
            return new UserView(user.id(), user.email(), user.name(), user.role());
        }
    }

    record Registration(String email, String password, String name, String phone, String next) {}

    record AddressOnly(String email, String next) {}

    record PasswordReset(String token, String password) {}

    record LinkToken(String token) {}

    /** The answer to a request that mails an address: the same whether or not it has an account. */
    record Accepted(String status, String detail) {}

    record SignIn(String email, String password) {}

    record Invitation(String token, String password) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    record SignedIn(UserView user, String token) {}

    record Session(UserView user) {}

    static final Accepted REGISTRATION_SENT = new Accepted(
            "mail_sent",
            "Check your mailbox: we have sent a message to this address. To finish creating your account,"
                    + " follow the link in it within 48 hours.");
    static final Accepted RESET_SENT = new Accepted(
            "mail_sent",
            "If an account uses this address, we have sent it a link to choose a new password. The link works"
                    + " for 30 minutes, once.");
    static final Accepted LINK_SENT = new Accepted(
            "mail_sent",
            "If an account uses this address, we have sent it a sign-in link. The link works for 15 minutes,"
                    + " once.");

    private final Sessions sessions;
    private final Registrations registrations;
    private final AccountRecovery recovery;
    private final IdentityProperties properties;

    AuthController(
            Sessions sessions, Registrations registrations, AccountRecovery recovery, IdentityProperties properties) {
        this.sessions = sessions;
        this.registrations = registrations;
        this.recovery = recovery;
        this.properties = properties;
    }

    @Operation(
            summary = "Register a client account",
            description = "Answers 202 the same way whether or not the address has an account, so that registering"
                    + " cannot tell anyone who has one. A new address gets a confirmation mail: its link (`POST"
                    + " /api/auth/confirm-email` or the page `/account/confirm`) makes the password work and signs"
                    + " in, then returns to `next` (a local path, optional). An address that has an account gets a"
                    + " mail saying so, and nothing is created. Field problems are a 400 as before.")
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted register(@RequestBody Registration body) {
        registrations.register(body.email(), body.password(), body.name(), body.phone(), body.next());
        return REGISTRATION_SENT;
    }

    @Operation(
            summary = "Confirm a registration's address and sign in",
            description = "The token of the confirmation mail, usable once within 48 hours.")
    @PostMapping("/confirm-email")
    SignedIn confirmEmail(@RequestBody LinkToken body, HttpServletRequest request, HttpServletResponse response) {
        return signedIn(recovery.confirmEmail(body.token()), request, response);
    }

    @Operation(
            summary = "Mail a password reset link",
            description = "Answers 202 the same way whether or not the address has an account. The link works once,"
                    + " for 30 minutes. Rate limited per address and per network.")
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted requestPasswordReset(@RequestBody AddressOnly body) {
        recovery.requestPasswordReset(body.email());
        return RESET_SENT;
    }

    @Operation(
            summary = "Choose a new password with a reset link, and sign in",
            description = "`password` follows the rules of registration. Every session of the account ends; the"
                    + " answer carries a new token and sets the session cookie.")
    @PostMapping("/password-reset/confirm")
    SignedIn resetPassword(@RequestBody PasswordReset body, HttpServletRequest request, HttpServletResponse response) {
        return signedIn(recovery.resetPassword(body.token(), body.password()), request, response);
    }

    @Operation(
            summary = "Mail a sign-in link",
            description = "Answers 202 the same way whether or not the address has an account. The link works once,"
                    + " for 15 minutes, also when the address's password sign-ins are rate limited. Rate limited"
                    + " per address and per network.")
    @PostMapping("/sign-in-link")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted requestSignInLink(@RequestBody AddressOnly body) {
        recovery.requestSignInLink(body.email(), body.next());
        return LINK_SENT;
    }

    @Operation(summary = "Sign in with the token of a sign-in link")
    @PostMapping("/sign-in-link/confirm")
    SignedIn signInWithLink(@RequestBody LinkToken body, HttpServletRequest request, HttpServletResponse response) {
        return signedIn(recovery.signInWithLink(body.token()), request, response);
    }

    @Operation(
            summary = "Sign in with email and password",
            description = "Returns a bearer token and sets the session cookie.")
    @PostMapping("/login")
    SignedIn login(@RequestBody SignIn body, HttpServletRequest request, HttpServletResponse response) {
        return signedIn(sessions.signIn(body.email(), body.password()), request, response);
    }

    @Operation(summary = "Set a password from a staff invitation link and sign in")
    @PostMapping("/accept-invitation")
    SignedIn acceptInvitation(@RequestBody Invitation body, HttpServletRequest request, HttpServletResponse response) {
        return signedIn(sessions.acceptInvitation(body.token(), body.password()), request, response);
    }

    @Operation(
            summary = "Change the signed-in user's password",
            description = "Checks `current_password`; `new_password` must be 8-128 characters and not a common"
                    + " password. Every session of the account ends; the answer carries a new token and sets a new"
                    + " session cookie for this caller.")
    @PostMapping("/password")
    SignedIn changePassword(
            @AuthenticationPrincipal CurrentUser user,
            @RequestBody PasswordChange body,
            HttpServletRequest request,
            HttpServletResponse response) {
        return signedIn(
                sessions.changePassword(user.id(), user.email(), body.currentPassword(), body.newPassword()),
                request,
                response);
    }

    @Operation(summary = "The signed-in user")
    @GetMapping("/session")
    Session session(@AuthenticationPrincipal CurrentUser user) {
        return new Session(UserView.of(user));
    }

    @Operation(summary = "Sign out: the token and the session cookie stop working")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request, HttpServletResponse response) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            sessions.close(authorization.substring(7).strip());
        }
        RequestAuthentication.sessionCookie(request).ifPresent(sessions::close);
        SessionCookies.close(request, response);
    }

    private SignedIn signedIn(Sessions.Opened session, HttpServletRequest request, HttpServletResponse response) {
        SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
        return new SignedIn(UserView.of(session.account()), session.token());
    }
}
