package io.roomtone.identity.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Role;
import io.roomtone.identity.UserAccount;
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

    record Registration(String email, String password, String name, String phone) {}

    record SignIn(String email, String password) {}

    record Invitation(String token, String password) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    record SignedIn(UserView user, String token) {}

    record Session(UserView user) {}

    private final Sessions sessions;
    private final IdentityProperties properties;

    AuthController(Sessions sessions, IdentityProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @Operation(summary = "Create a client account and sign in")
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    SignedIn register(@RequestBody Registration body, HttpServletRequest request, HttpServletResponse response) {
        return signedIn(sessions.register(body.email(), body.password(), body.name(), body.phone()), request, response);
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
