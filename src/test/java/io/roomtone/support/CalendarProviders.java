package io.roomtone.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Google's and Microsoft's OAuth endpoints and calendar APIs on one WireMock server, answering what
 * the real client libraries ask: token exchanges and refreshes, event insert / update / delete
 * (Google, {@code /calendar/v3/calendars/primary/events}) and post / patch / delete (Graph,
 * {@code /graph/v1.0/me/events}). Google's insert echoes the id the client chose; Graph's post
 * answers with an id derived from its {@code transactionId}. Tests count the requests.
 */
public final class CalendarProviders {

    public static final String GOOGLE_EVENTS = "/calendar/v3/calendars/primary/events";
    public static final String GRAPH_EVENTS = "/graph/v1.0/me/events";
    public static final String GOOGLE_TOKEN = "/google/token";
    public static final String MICROSOFT_TOKEN = "/ms/common/oauth2/v2.0/token";

    public final WireMockServer server = new WireMockServer(WireMockConfiguration.options()
            .dynamicPort()
            .templatingEnabled(true)
            .globalTemplating(false));

    public CalendarProviders() {
        server.start();
    }

    public void properties(DynamicPropertyRegistry registry) {
        String base = "http://localhost:" + server.port();
        registry.add("roomtone.google.client-id", () -> "google-client");
        registry.add("roomtone.google.client-secret", () -> "google-secret");
        registry.add("roomtone.google.authorize-url", () -> base + "/google/auth");
        registry.add("roomtone.google.token-url", () -> base + GOOGLE_TOKEN);
        registry.add("roomtone.google.api-base", () -> base + "/");
        registry.add("roomtone.microsoft.client-id", () -> "ms-client");
        registry.add("roomtone.microsoft.client-secret", () -> "ms-secret");
        registry.add("roomtone.microsoft.authority", () -> base + "/ms");
        registry.add("roomtone.microsoft.api-base", () -> base + "/graph/v1.0");
    }

    /** Every stub back to a provider that works, every request forgotten. */
    public void reset() {
        server.resetAll();
        tokens(GOOGLE_TOKEN, "g");
        tokens(MICROSOFT_TOKEN, "m");
        server.stubFor(post(urlPathEqualTo(GOOGLE_EVENTS))
                .willReturn(json(200, "{\"id\":\"{{jsonPath request.body '$.id'}}\",\"status\":\"confirmed\"}")));
        server.stubFor(put(urlPathMatching(GOOGLE_EVENTS + "/[a-v0-9]+"))
                .willReturn(json(200, "{\"id\":\"{{request.pathSegments.[5]}}\",\"status\":\"confirmed\"}")));
        server.stubFor(delete(urlPathMatching(GOOGLE_EVENTS + "/[a-v0-9]+"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlPathEqualTo(GRAPH_EVENTS))
                .willReturn(json(201, "{\"id\":\"ms-{{jsonPath request.body '$.transactionId'}}\"}")));
        server.stubFor(patch(urlPathMatching(GRAPH_EVENTS + "/[^/]+"))
                .willReturn(json(200, "{\"id\":\"{{request.pathSegments.[4]}}\"}")));
        server.stubFor(delete(urlPathMatching(GRAPH_EVENTS + "/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        // the consent pages: the staff member agrees at once and is sent back with a code
        for (String consent : List.of("/google/auth", "/ms/common/oauth2/v2.0/authorize")) {
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(consent))
                    .willReturn(aResponse()
                            .withStatus(302)
                            .withHeader(
                                    "Location",
                                    "{{{request.query.redirect_uri}}}?state={{{request.query.state}}}&code=consent")
                            .withTransformers("response-template")));
        }
    }

    /** A code exchange gives {prefix}-access-1 (an hour) and {prefix}-refresh; a refresh gives {prefix}-access-2. */
    public void tokens(String path, String prefix) {
        tokens(path, prefix, 3600);
    }

    public void tokens(String path, String prefix, int accessSeconds) {
        server.stubFor(post(urlPathEqualTo(path))
                .withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(json(
                        200,
                        "{\"access_token\":\"" + prefix + "-access-1\",\"refresh_token\":\"" + prefix
                                + "-refresh\",\"expires_in\":" + accessSeconds + ",\"token_type\":\"Bearer\"}")));
        server.stubFor(post(urlPathEqualTo(path))
                .withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(json(
                        200,
                        "{\"access_token\":\"" + prefix
                                + "-access-2\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    }

    /** The refresh token was revoked: refreshes are refused with {@code invalid_grant}. */
    public void revokeRefresh(String path) {
        server.stubFor(post(urlPathEqualTo(path))
                .withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(
                        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been revoked.\"}")));
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body)
                .withTransformers("response-template");
    }

    public int count(RequestPatternBuilder pattern) {
        return server.countRequestsMatching(pattern.build()).getCount();
    }

    public int googleCreates() {
        return count(postRequestedFor(urlPathEqualTo(GOOGLE_EVENTS)));
    }

    public int googleUpdates() {
        return count(putRequestedFor(urlPathMatching(GOOGLE_EVENTS + "/.+")));
    }

    public int googleDeletes() {
        return count(deleteRequestedFor(urlPathMatching(GOOGLE_EVENTS + "/.+")));
    }

    public int graphCreates() {
        return count(postRequestedFor(urlPathEqualTo(GRAPH_EVENTS)));
    }

    public int graphUpdates() {
        return count(patchRequestedFor(urlPathMatching(GRAPH_EVENTS + "/.+")));
    }

    public int graphDeletes() {
        return count(deleteRequestedFor(urlPathMatching(GRAPH_EVENTS + "/.+")));
    }

    public int refreshes(String path) {
        return count(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing("grant_type=refresh_token")));
    }

    public int calendarCalls() {
        return count(postRequestedFor(urlPathMatching("/(calendar|graph)/.*")))
                + count(putRequestedFor(urlPathMatching("/(calendar|graph)/.*")))
                + count(patchRequestedFor(urlPathMatching("/(calendar|graph)/.*")))
                + count(deleteRequestedFor(urlPathMatching("/(calendar|graph)/.*")));
    }

    /** The Google insert bodies received, as sent. */
    public List<String> googleCreateBodies() {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r ->
                        r.getMethod().getName().equals("POST") && r.getUrl().startsWith(GOOGLE_EVENTS))
                .map(r -> r.getBodyAsString())
                .toList();
    }

    public static RequestPatternBuilder withBearer(RequestPatternBuilder pattern, String token) {
        return pattern.withHeader("Authorization", equalTo("Bearer " + token));
    }

    public void stop() {
        server.stop();
    }
}
