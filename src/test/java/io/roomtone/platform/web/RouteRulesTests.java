package io.roomtone.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Walks every route the application maps: each must be named by a {@link RouteRules} rule (deny by
 * default catches forgotten ones, this test names them), and every back-office route must refuse
 * anonymous callers with 401 and clients and staff with 403.
 */
@RoomtoneTest
class RouteRulesTests {

    record Route(String method, String pattern) {
        String concretePath() {
            return pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()).replace("/**", "/x");
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Autowired
    Studios studios;

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            Set<org.springframework.web.bind.annotation.RequestMethod> methods =
                    info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (methods.isEmpty()) {
                    routes.add(new Route("GET", pattern));
                } else {
                    methods.forEach(m -> routes.add(new Route(m.name(), pattern)));
                }
            }
        });
        return routes;
    }

    @Test
    void everyMappedRouteHasAnExplicitRule() {
        List<Route> routes = routes();
        assertThat(routes).hasSizeGreaterThan(10);
        List<Route> unruled = routes.stream()
                .filter(route -> RouteRules.RULES.stream().noneMatch(rule -> covers(rule, route)))
                .toList();
        assertThat(unruled).as("routes without a rule in RouteRules").isEmpty();
    }

    @Test
    void backOfficeRoutesRefuseAnonymousCallersClientsAndStaff() {
        String client = api.newClient(null);
        String staff = staffToken();
        List<Route> guarded = routes().stream()
                .filter(r -> r.pattern().startsWith("/api/admin") || r.pattern().startsWith("/api/platform"))
                .toList();
        assertThat(guarded).isNotEmpty();
        for (Route route : guarded) {
            String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
            String path = route.concretePath();
            api.send(route.method(), path, body, null, Map.of())
                    .expect(401, "anonymous " + route.method() + " " + path);
            api.send(route.method(), path, body, client, Map.of()).expect(403, "client " + route.method() + " " + path);
            api.send(route.method(), path, body, staff, Map.of()).expect(403, "staff " + route.method() + " " + path);
        }
    }

    @Test
    void unknownRoutesAreRefused() {
        api.get("/api/nothing-here", null).expect(401);
        api.get("/api/nothing-here", api.ownerToken()).expect(403);
    }

    private String staffToken() {
        String email = "staff-" + UUID.randomUUID() + "@studio.test";
        UUID studio = studios.defaultStudio().orElseThrow().id();
        Tenancy.runAs(studio, () -> accounts.create(email, "staff-password", "Engineer", null, Role.STAFF));
        return api.login(email, "staff-password", null);
    }

    private static boolean covers(RouteRules.Rule rule, Route route) {
        boolean method = rule.method() == null || rule.method().equals(HttpMethod.valueOf(route.method()));
        return method
                && PathPatternParser.defaultInstance
                        .parse(rule.pattern())
                        .matches(org.springframework.http.server.PathContainer.parsePath(route.concretePath()));
    }
}
