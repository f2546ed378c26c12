package de.participation.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem response ({@code application/problem+json} with its {@code code}) where Spring
 * MVC's own mapping cannot: in the security filters and in the web server's error report, which
 * run before or around it. The same fields as {@link ProblemResponseSupport}'s, by hand.
 */
public final class ProblemWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    public static String contentType() {
        return MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    }

    public static byte[] body(HttpStatus status, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("code", code);
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers {@code response} with the problem: its status, content type and body. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(contentType());
        response.getOutputStream().write(body(status, code, detail));
    }
}
