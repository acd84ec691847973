package io.roomtone.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a refusal as an {@code application/problem+json} response, for code that runs before Spring
 * MVC's exception handling (servlet filters, security handlers).
 */
public interface ProblemWriter {

    void write(HttpServletRequest request, HttpServletResponse response, RoomtoneException problem) throws IOException;
}
