package io.roomtone.platform.web;

import io.roomtone.shared.ProblemCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors the servlet container raises outside Spring MVC (a malformed URL, a failure in a filter)
 * are answered as problems too, never as an HTML page or a bare stack trace.
 */
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no error attribute: someone asked for /error itself, and there is no such page
        int status = code instanceof Integer i ? i : 404;
        ProblemCode problemCode = ProblemCode.forStatus(status);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = message instanceof String s && !s.isBlank() && status < 500
                ? s
                : status >= 500 ? "Something went wrong on our side." : "The request could not be handled.";
        ProblemDetail problem = Problems.of(problemCode, detail, request);
        problem.setStatus(status);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
