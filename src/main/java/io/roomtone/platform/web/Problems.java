package io.roomtone.platform.web;

import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.ProblemWriter;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds the RFC 9457 problem responses of the whole API, always with a stable {@code code}. */
@Component
class Problems implements ProblemWriter {

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    static ProblemDetail of(ProblemCode code, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
        problem.setType(URI.create("https://roomtone.io/problems/" + code.code().replace('_', '-')));
        problem.setProperty("code", code.code());
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
            String requestId = RequestIdFilter.of(request);
            if (requestId != null) {
                problem.setProperty("request_id", requestId);
            }
        }
        return problem;
    }

    static ProblemDetail of(RoomtoneException e, HttpServletRequest request) {
        ProblemDetail problem = of(e.code(), e.getMessage(), request);
        if (!e.fieldProblems().isEmpty()) {
            problem.setProperty("errors", e.fieldProblems());
        }
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    static ProblemDetail invalid(List<FieldProblem> problems, HttpServletRequest request) {
        return of(RoomtoneException.invalid(problems), request);
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, RoomtoneException problem)
            throws IOException {
        write(request, response, of(problem, request));
    }

    void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
