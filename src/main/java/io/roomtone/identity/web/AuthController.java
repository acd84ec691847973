package io.roomtone.identity.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.identity.internal.Credentials;
import io.roomtone.identity.internal.Tokens;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
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

    record SignedIn(UserView user, String token) {}

    record Session(UserView user) {}

    private final Accounts accounts;
    private final Credentials credentials;
    private final Tokens tokens;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;

    AuthController(
            Accounts accounts,
            Credentials credentials,
            Tokens tokens,
            IdentityProperties properties,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Operation(summary = "Create a client account and sign in")
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    // not one transaction: hashing the password must not hold a database connection (see Accounts.create)
    SignedIn register(@RequestBody Registration body, HttpServletRequest request, HttpServletResponse response) {
        UserAccount account = accounts.create(body.email(), body.password(), body.name(), body.phone(), Role.CLIENT);
        return signIn(account, request, response);
    }

    @Operation(
            summary = "Sign in with email and password",
            description = "Returns a bearer token and sets the session cookie.")
    @PostMapping("/login")
    // not one transaction: the password is compared between short ones (see Credentials)
    SignedIn login(@RequestBody SignIn body, HttpServletRequest request, HttpServletResponse response) {
        UserAccount account = credentials
                .verify(body.email(), body.password())
                .flatMap(accounts::find)
                .orElseThrow(
                        () -> new RoomtoneException(ProblemCode.UNAUTHENTICATED, "Email or password is incorrect."));
        return signIn(account, request, response);
    }

    @Operation(summary = "Set a password from a staff invitation link and sign in")
    @PostMapping("/accept-invitation")
    @Transactional
    SignedIn acceptInvitation(@RequestBody Invitation body, HttpServletRequest request, HttpServletResponse response) {
        Tokens.Owner owner = tokens.resolve(body.token(), Tokens.Purpose.INVITATION)
                .filter(o -> o.studioId().equals(Tenancy.currentStudioId()))
                .orElseThrow(() -> RoomtoneException.invalid("token", "is invalid or has expired"));
        accounts.setPassword(owner.userId(), body.password(), "password");
        tokens.revokeAll(owner.studioId(), owner.userId(), Tokens.Purpose.INVITATION);
        return signIn(accounts.find(owner.userId()).orElseThrow(), request, response);
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
            tokens.revoke(authorization.substring(7).strip());
        }
        RequestAuthentication.sessionCookie(request).ifPresent(tokens::revoke);
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString());
    }

    private SignedIn signIn(UserAccount account, HttpServletRequest request, HttpServletResponse response) {
        String token = transactions.execute(status ->
                tokens.issue(Tenancy.currentStudioId(), account.id(), Tokens.Purpose.SESSION, properties.sessionTtl()));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(token, properties.sessionTtl(), request).toString());
        return new SignedIn(UserView.of(account), token);
    }

    static ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(RequestAuthentication.SESSION_COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
