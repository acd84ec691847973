package io.roomtone.platform.web;

import io.roomtone.shared.ProblemCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors the servlet container raises outside Spring MVC (a malformed URL, a failure in a filter, a
 * refusal of the security filters): a browser asking for a page gets the error page, everything
 * else (the API above all) a problem, never a bare stack trace.
 */
@Controller
class ErrorPageController implements ErrorController {

    private final Problems problems;
    private final PageModel pageModel;

    ErrorPageController(Problems problems, PageModel pageModel) {
        this.problems = problems;
        this.pageModel = pageModel;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView errorPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!Pages.wanted(request, uri instanceof String s ? s : request.getRequestURI())) {
            problems.write(request, response, problem(request));
            return null;
        }
        int status = status(request);
        response.setStatus(status);
        // a rate limit's refusal says how long to wait (RateLimitFilter); other container messages
        // are not meant for people
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = status == 429 && message instanceof String text && !text.isBlank() ? text : null;
        ModelAndView page = ErrorPages.page(status, detail);
        pageModel.addTo(page);
        return page;
    }

    @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ProblemDetail problem = problem(request);
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ProblemDetail problem(HttpServletRequest request) {
        int status = status(request);
        ProblemCode problemCode = ProblemCode.forStatus(status);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = message instanceof String s && !s.isBlank() && status < 500
                ? s
                : status >= 500 ? "Something went wrong on our side." : "The request could not be handled.";
        ProblemDetail problem = Problems.of(problemCode, detail, request);
        problem.setStatus(status);
        return problem;
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no error attribute: someone asked for /error itself, and there is no such page
        return code instanceof Integer i ? i : 404;
    }
}
