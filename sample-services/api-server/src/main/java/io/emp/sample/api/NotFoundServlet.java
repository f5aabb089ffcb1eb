package io.emp.sample.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Everything outside the API answers a JSON 404 instead of Jetty's HTML page. */
final class NotFoundServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.error(response, HttpServletResponse.SC_NOT_FOUND, "not found: " + request.getRequestURI());
    }
}
