package io.roomtone.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** Operator credentials that are configured but empty must never open the platform's routes. */
class OperatorCredentialsTests {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @ParameterizedTest
    @CsvSource({"operator@platform.test,''", "'',secret-password", "' ',' '"})
    void emptyOperatorCredentialsNeverAuthenticate(String email, String password) throws Exception {
        IdentityProperties properties = new IdentityProperties(
                null, null, true, email, password, Duration.ofDays(14), Duration.ofDays(7), Duration.ofHours(8));
        RequestAuthentication authentication = new RequestAuthentication(null, null, properties);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/platform/studios");
        request.addHeader(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
        MockFilterChain chain = new MockFilterChain();
        List<RoomtoneException> refusals = new ArrayList<>();

        authentication
                .filter((req, res, problem) -> refusals.add(problem))
                .doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(refusals).singleElement().extracting(RoomtoneException::code).isEqualTo(ProblemCode.UNAUTHENTICATED);
        assertThat(chain.getRequest()).as("the request went no further").isNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }
}
