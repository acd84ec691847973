package io.roomtone.platform.web;

import io.roomtone.shared.ProblemCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI description's parts no controller can state: who may call each operation (read from
 * {@link RouteRules}, the list the security filter chain is built from, so the two cannot drift) and
 * the problem responses that filters, Spring Security and {@link ApiExceptionHandler} give every
 * operation alike. Refusals particular to one operation are described by its {@code @Operation}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private static final Set<PathItem.HttpMethod> MUTATIONS = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Bean
    OpenAPI roomtoneOpenApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Roomtone API")
                                // as springdoc named it before: the API has made no stability promise yet
                                .version("v0")
                                .description(
                                        """
                                Booking and operations for creative studios: the public catalog, \
                                availability, quotes, holds and bookings, and the studio's back office.

                                JSON in snake_case; every refusal is an `application/problem+json` \
                                document (RFC 9457) with a stable `code` to switch on. Sign in with \
                                `POST /api/auth/login` and send its `token` as a bearer token (or use \
                                the session cookie it sets, with the CSRF token on unsafe methods). \
                                Mutations accept an `Idempotency-Key` header to make retries safe."""))
                // relative: every installation serves its own description, and clients call the
                // server they fetched it from (there is no central Roomtone host)
                .servers(List.of(
                        new Server().url("/").description("the Roomtone installation serving this description")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("opaque")
                                        .description("The `token` of a sign-in (`POST /api/auth/login`, "
                                                + "`/api/auth/register` or `/api/auth/accept-invitation`)."))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name(io.roomtone.identity.RequestAuthentication.SESSION_COOKIE)
                                        .description("The session cookie a sign-in sets, for browsers. POST, PUT, "
                                                + "PATCH and DELETE must then send the `XSRF-TOKEN` cookie back as "
                                                + "the `X-XSRF-TOKEN` header."))
                        .addSecuritySchemes(
                                "operator",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("The platform operator (`ROOMTONE_OPERATOR_EMAIL` and "
                                                + "`ROOMTONE_OPERATOR_PASSWORD`), for `/api/platform/**`.")));
    }

    /** The shape {@link Problems} writes. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem; further members may carry details of a particular `code`.")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty(
                        "code",
                        new StringSchema()
                                .description("stable and machine-readable; switch on this")
                                ._enum(Arrays.stream(ProblemCode.values())
                                        .map(ProblemCode::code)
                                        .toList()))
                .addProperty("request_id", new StringSchema().description("quote it when reporting a problem"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("the offending fields, when the request was invalid")
                                .items(new Schema<>().$ref("#/components/schemas/FieldProblem")))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema<?> fieldProblemSchema() {
        return new ObjectSchema()
                .addProperty("field", new StringSchema().description("the JSON name, dotted for nesting"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
    }

    static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))));
    }

    @Bean
    OpenApiCustomizer accessAndProblems() {
        return openApi -> {
            // here rather than in the OpenAPI bean, whose schemas springdoc replaces by the generated ones
            openApi.getComponents()
                    .addSchemas("Problem", problemSchema())
                    .addSchemas("FieldProblem", fieldProblemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, method, operation)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean mutation = MUTATIONS.contains(method);
        if (mutation) {
            operation.addParametersItem(new HeaderParameter()
                    .name(IdempotencyFilter.HEADER)
                    .required(false)
                    .description("Makes retries safe: a repeat with the same key and body gets the first "
                            + "answer again without the work being repeated.")
                    .schema(new StringSchema().minLength(1).maxLength(255)));
        }
        // no rule: the route is refused to everyone, and RouteRulesTests names it; left without
        // security here, it also fails OpenApiLintTests (security-defined)
        Optional<RouteRules.Access> access = accessOf(path, method);
        access.ifPresent(a -> operation.setSecurity(securityOf(a)));
        boolean isPublic = access.orElse(null) == RouteRules.Access.PUBLIC;

        ApiResponses responses = operation.getResponses();
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (hasInput) {
            add(
                    responses,
                    "400",
                    "Invalid request (code `validation_failed`, with `errors` naming the fields, or "
                            + "`malformed_request`).");
        }
        // after the input check: an unknown studio is not a 400 of this operation
        if (!path.startsWith("/api/platform/")) {
            operation.addParametersItem(new HeaderParameter()
                    .name(io.roomtone.identity.RequestAuthentication.STUDIO_HEADER)
                    .required(false)
                    .description("In a multi-studio installation, the studio's slug (else the first label of the"
                            + " host name picks the studio; a signed-in caller's token belongs to one studio)."
                            + " An unknown slug is a 404 (code `not_found`). Ignored in a single-studio installation.")
                    .schema(new StringSchema().minLength(1).maxLength(63)));
        }
        // RequestAuthentication refuses a bad Authorization header on every route, public ones too
        add(
                responses,
                "401",
                isPublic
                        ? "An `Authorization` header was sent, but its credentials are invalid or expired (code "
                                + "`unauthenticated`); without one the call is anonymous."
                        : "Not signed in, or the credentials are invalid or expired (code `unauthenticated`).");
        boolean roleRestricted = access.isPresent() && access.get() != RouteRules.Access.SIGNED_IN && !isPublic;
        if (roleRestricted || mutation) {
            // SecurityConfiguration checks the CSRF token of every cookie-carrying write, public or not
            String csrf = "a request carrying the session cookie lacks its CSRF token";
            add(
                    responses,
                    "403",
                    "Forbidden (code `forbidden`): "
                            + (roleRestricted
                                    ? "the caller's role may not use this route" + (mutation ? ", or " + csrf : "")
                                    // BookingAccess: only a booking's client or its studio may change it
                                    : !isPublic && path.contains("{")
                                            ? csrf + ", or the caller may not change this resource"
                                            : csrf)
                            + ".");
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing with this id in the caller's studio (code `not_found`).");
        }
        if (mutation) {
            // ApiExceptionHandler maps serialization failures and constraint violations of any write
            // to 409, and IdempotencyFilter answers a retry whose first attempt is still running so
            add(
                    responses,
                    "409",
                    "Conflicts with the current state (code `conflict`, `in_use`, `slot_unavailable` or "
                            + "`invalid_transition`; a concurrent change is `conflict` and may be retried), or "
                            + "a request with the same `Idempotency-Key` is still running "
                            + "(`idempotency_in_progress`).");
            add(
                    responses,
                    "422",
                    "The `Idempotency-Key` was used before with another request body (code "
                            + "`idempotency_conflict`).");
        }
        // content negotiation, by Spring MVC for every route alike
        add(responses, "406", "The `Accept` header names no type this operation answers with (code `not_acceptable`).");
        if (operation.getRequestBody() != null) {
            add(
                    responses,
                    "415",
                    "The body's `Content-Type` is not one this operation reads (code `unsupported_media_type`).");
            add(responses, "413", "The body is larger than `ROOMTONE_MAX_REQUEST_BYTES` (code `payload_too_large`).");
        }
        // every refusal is a problem document, also where an annotation named only the status
        responses.forEach((status, response) -> {
            if (status.startsWith("4") && response.get$ref() == null) {
                if (response.getContent() == null) {
                    response.setContent(new Content());
                }
                MediaType problem = response.getContent().get(PROBLEM_JSON);
                if (problem == null) {
                    response.getContent().addMediaType(PROBLEM_JSON, problem = new MediaType());
                }
                if (problem.getSchema() == null) {
                    problem.setSchema(new Schema<>().$ref(PROBLEM_SCHEMA));
                }
            }
        });
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, problem(description));
        }
    }

    /** The first rule that matches, as in the filter chain. */
    static Optional<RouteRules.Access> accessOf(String path, PathItem.HttpMethod method) {
        PathContainer container = PathContainer.parsePath(path);
        return RouteRules.RULES.stream()
                .filter(rule -> rule.method() == null || rule.method().equals(HttpMethod.valueOf(method.name())))
                .filter(rule ->
                        PathPatternParser.defaultInstance.parse(rule.pattern()).matches(container))
                .map(RouteRules.Rule::access)
                .findFirst();
    }

    private static List<SecurityRequirement> securityOf(RouteRules.Access access) {
        SecurityRequirement bearer = new SecurityRequirement().addList("bearer");
        SecurityRequirement session = new SecurityRequirement().addList("session");
        SecurityRequirement operator = new SecurityRequirement().addList("operator");
        return switch (access) {
            case PUBLIC -> List.of();
            case SIGNED_IN, ADMIN, OWNER, STAFF -> List.of(bearer, session);
            case OPERATIONS -> List.of(bearer, session, operator);
            case OPERATOR -> List.of(operator);
        };
    }
}
