package io.roomtone.platform.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Adds the 429 answer to the OpenAPI description of every route {@link RateLimitRules} limits, and
 * of the operator routes {@link OperatorSignInLimitFilter} guards.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
class RateLimitDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        for (RateLimitRules.Rule rule : java.util.stream.Stream.concat(
                        RateLimitRules.RULES.stream(), RateLimitRules.UNCACHED.stream())
                .toList()) {
            PathItem path = openApi.getPaths().get(rule.pattern());
            Operation operation = path == null
                    ? null
                    : path.readOperationsMap()
                            .get(PathItem.HttpMethod.valueOf(rule.method().name()));
            if (operation != null) {
                operation.getResponses().addApiResponse("429", tooManyRequests(rule));
            }
        }
        // OperatorSignInLimitFilter counts failed HTTP Basic sign-ins, which only operator routes accept
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (ApiDocumentation.accessOf(path, method).orElse(null) == RouteRules.Access.OPERATOR) {
                operation.getResponses().addApiResponse("429", tooManyRequests(operatorLimits()));
            }
        }));
    }

    private static String operatorLimits() {
        return RateLimit.OPERATOR_PER_IP.code() + ", " + RateLimit.OPERATOR_PER_ACCOUNT.code()
                + "; only failed sign-ins are counted";
    }

    private static ApiResponse tooManyRequests(RateLimitRules.Rule rule) {
        String limits = rule.limits().stream().map(RateLimit::code).collect(Collectors.joining(", "));
        return tooManyRequests(limits);
    }

    private static ApiResponse tooManyRequests(String limits) {
        return ApiDocumentation.problem("Rate limited (code `rate_limited`; `limit` is one of " + limits
                        + "). Nothing was done; try again after `Retry-After` seconds.")
                .addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("seconds until a retry can succeed")
                                .schema(new IntegerSchema()));
    }
}
