package io.roomtone.platform.web;

import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A failure inside a page controller becomes the error page with the right status (a 404 for an
 * unknown room, a 400 for a bad parameter), not the problem JSON the API answers with. It runs
 * before {@link ApiExceptionHandler} and leaves every {@code @ResponseBody} handler to it.
 */
@Component
class ErrorPages implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final PageModel pageModel;

    ErrorPages(PageModel pageModel) {
        this.pageModel = pageModel;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (!(handler instanceof HandlerMethod method) || answersWithBody(method) || !Pages.wanted(request)) {
            return null;
        }
        int status;
        String detail = null;
        if (e instanceof org.springframework.dao.DataIntegrityViolationException violation
                && ApiExceptionHandler.refusalOf(violation) != null) {
            // a constraint refused the write (a room still booked, a duplicate name): as the API says it
            e = ApiExceptionHandler.refusalOf(violation);
        } else if (e instanceof org.springframework.dao.ConcurrencyFailureException) {
            e = new RoomtoneException(
                    io.roomtone.shared.ProblemCode.CONFLICT, "A concurrent change got there first; try again.");
        }
        if (e instanceof RoomtoneException refusal) {
            status = refusal.code().status();
            detail = status < 500 ? refusal.getMessage() : null;
        } else if (e instanceof ErrorResponse known) {
            status = known.getStatusCode().value();
        } else if (e instanceof org.springframework.beans.TypeMismatchException) {
            // a path or query value that is not what the page takes (an id that is no UUID): the
            // address is wrong, not the server
            status = HttpStatus.BAD_REQUEST.value();
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        if (status >= 500) {
            log.error("Unexpected failure of page {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        response.setStatus(status);
        ModelAndView page = page(status, detail);
        pageModel.addTo(page);
        return page;
    }

    /** The error page for {@code status}; {@code detail} (optional) says what was wrong. */
    static ModelAndView page(int status, String detail) {
        ModelAndView page = new ModelAndView("error");
        int shown = status == 404 || status == 403 || status == 401 || status == 429 || status >= 500 ? status : 400;
        page.addObject("status", status);
        page.addObject("kind", status >= 500 ? 500 : shown);
        page.addObject("detail", detail);
        page.setStatus(HttpStatus.valueOf(status));
        return page;
    }

    private static boolean answersWithBody(HandlerMethod method) {
        return AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                || method.hasMethodAnnotation(ResponseBody.class);
    }
}
