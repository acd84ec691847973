package io.roomtone.platform.web;

import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.MergePatch;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every failure of a request into a problem response with a {@code code}. Bad input of any
 * kind is a 4xx that names the offending field; a 500 means a bug in Roomtone, and is logged.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(RoomtoneException.class)
    ResponseEntity<Object> refused(RoomtoneException e, HttpServletRequest request) {
        ResponseEntity<Object> response = respond(Problems.of(e, request));
        // a rate limit counted inside a module (WorkAllowance) answers like the filter's
        return RateLimiter.retryAfterSeconds(e)
                .<ResponseEntity<Object>>map(seconds -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                        .body(response.getBody()))
                .orElse(response);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        RoomtoneException refusal = refusalOf(e);
        if (refusal == null) {
            return unexpected(e, request);
        }
        log.info("Refused a write: {}", e.getMostSpecificCause().getMessage());
        return respond(Problems.of(refusal.code(), refusal.getMessage(), request));
    }

    /**
     * What a constraint of the database refused, as the refusal the caller made (a duplicate, a
     * record in use, a taken slot, a value out of range); null for a violation no request explains.
     * Pages ({@link ErrorPages}) answer the same refusals.
     */
    static RoomtoneException refusalOf(DataIntegrityViolationException e) {
        String state = sqlState(e);
        return switch (state == null ? "" : state) {
            case "23505" -> new RoomtoneException(ProblemCode.CONFLICT, "Another record already has this value.");
            case "23503" ->
                new RoomtoneException(
                        ProblemCode.IN_USE,
                        "The record is referenced by others, or refers to one that does not exist.");
            case "23P01" ->
                new RoomtoneException(ProblemCode.SLOT_UNAVAILABLE, "The time range is no longer available.");
            // 22021, 22P05: text PostgreSQL cannot store (such as NUL); 22023: an invalid parameter value
            case "23514", "23502", "22001", "22003", "22007", "22008", "22P02", "22021", "22P05", "22023" ->
                new RoomtoneException(ProblemCode.VALIDATION_FAILED, "A value is out of the allowed range.");
            default -> null;
        };
    }

    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<Object> concurrency(ConcurrencyFailureException e, HttpServletRequest request) {
        return respond(
                Problems.of(ProblemCode.CONFLICT, "A concurrent change got there first; retry the request.", request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemCode.FORBIDDEN, "You are not allowed to do this.", request));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemCode.UNAUTHENTICATED, "Sign in first.", request));
    }

    /** Tomcat could not decode the query string or form (bad percent-encoding, too many parameters). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> unreadableParameters(InvalidParameterException e, HttpServletRequest request) {
        return respond(Problems.of(
                ProblemCode.MALFORMED_REQUEST,
                "The query string or form could not be read (check its percent-encoding).",
                request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(
                ProblemCode.INTERNAL_ERROR,
                "Something went wrong on our side. Quote the request id when reporting it.",
                request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servlet(request);
        RoomtoneException refusal = causeOf(e, RoomtoneException.class);
        if (refusal != null) {
            return respond(Problems.of(refusal, servletRequest));
        }
        return respond(describe(e, servletRequest));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(snake(error.getField()), error.getDefaultMessage()))
                .toList();
        return respond(Problems.invalid(problems, servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                snake(result.getMethodParameter().getParameterName()), error.getDefaultMessage())))
                .toList();
        return respond(Problems.invalid(problems, servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            org.springframework.beans.TypeMismatchException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return respond(Problems.invalid(
                List.of(new FieldProblem(
                        name, "'" + e.getValue() + "' is not " + article(describeType(e.getRequiredType())))),
                servlet(request)));
    }

    /** Every problem Spring MVC raises itself (404, 405, 415, missing parameters...) gets its code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            // a 400 of Spring MVC is a missing or unconvertible parameter: the request is invalid, not malformed
            ProblemCode code =
                    status.value() == 400 ? ProblemCode.VALIDATION_FAILED : ProblemCode.forStatus(status.value());
            ProblemDetail coded = Problems.of(code, problem.getDetail(), servlet(request));
            return ResponseEntity.status(status).headers(response.getHeaders()).body(coded);
        }
        return response;
    }

    /**
     * A merge patch is read into its resource's draft after the body was parsed (see {@code
     * shared.MergePatch}): a value of the wrong type is refused as it would be in the body itself.
     */
    @ExceptionHandler(MergePatch.UnreadableValue.class)
    ResponseEntity<Object> unreadableValue(MergePatch.UnreadableValue e, HttpServletRequest request) {
        return respond(describe(e.getCause(), request));
    }

    /** Names what is wrong with an unreadable JSON body: the field, and what was expected. */
    private static ProblemDetail describe(HttpMessageNotReadableException e, HttpServletRequest request) {
        // the outermost Jackson exception carries the path to the field; deeper causes do not
        return describe(causeOf(e, JacksonException.class), request);
    }

    private static ProblemDetail describe(JacksonException jackson, HttpServletRequest request) {
        if (jackson == null) {
            return Problems.of(
                    ProblemCode.MALFORMED_REQUEST, "The request body is missing or is not valid JSON.", request);
        }
        String field = path(jackson);
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return Problems.invalid(List.of(new FieldProblem(field, "is not a known field")), request);
        }
        if (jackson instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target == String.class && format.getValue() instanceof String) {
                // text that parsed but cannot be stored (see JsonConfiguration.NoNulStrings)
                return Problems.invalid(List.of(new FieldProblem(field, format.getOriginalMessage())), request);
            }
            String expected = target != null && target.isEnum()
                    ? "one of "
                            + java.util.Arrays.stream(target.getEnumConstants())
                                    .map(c -> c.toString().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", "))
                    : article(describeType(target));
            return Problems.invalid(
                    List.of(new FieldProblem(field, "'" + format.getValue() + "' is not " + expected)), request);
        }
        if (jackson instanceof InvalidNullException) {
            return Problems.invalid(List.of(new FieldProblem(field, "must not be null")), request);
        }
        if (jackson instanceof ValueInstantiationException) {
            return Problems.invalid(List.of(new FieldProblem(field, "is not a valid value")), request);
        }
        if (jackson instanceof MismatchedInputException mismatch && !field.isEmpty()) {
            return Problems.invalid(
                    List.of(new FieldProblem(field, "must be " + article(describeType(mismatch.getTargetType())))),
                    request);
        }
        if (jackson instanceof InputCoercionException) {
            // a number too large for its field ("duration_min": 2147483648) is bad input, not bad JSON;
            // Jackson's own message would name the Java type ("out of range of int")
            return Problems.invalid(
                    List.of(new FieldProblem(field.isEmpty() ? "body" : field, "is out of range")), request);
        }
        if (jackson instanceof StreamReadException) {
            return Problems.of(
                    ProblemCode.MALFORMED_REQUEST,
                    "The request body is not valid JSON: " + jackson.getOriginalMessage(),
                    request);
        }
        return Problems.of(
                ProblemCode.MALFORMED_REQUEST,
                "The request body could not be read" + (field.isEmpty() ? "." : " at '" + field + "'."),
                request);
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * What a value of {@code type} looks like, in words for the people who read problem answers:
     * never a Java type's name ({@code ArrayList}, {@code int}, a record of ours).
     */
    static String describeType(Class<?> type) {
        if (type == null) {
            return "valid value";
        }
        if (type.isEnum()) {
            return "value from "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "string";
        }
        if (type == java.util.UUID.class) {
            return "id (UUID)";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "ISO-8601 instant such as 2026-05-01T14:00:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "date (YYYY-MM-DD)";
        }
        if (type == java.time.LocalTime.class) {
            return "time of day (HH:MM)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        if (type == int.class
                || type == long.class
                || type == short.class
                || type == byte.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        return "JSON object";
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    private static String snake(String camel) {
        return camel == null
                ? ""
                : camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return request instanceof ServletWebRequest s
                ? s.getRequest()
                : ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
