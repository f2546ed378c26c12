package de.participation.web.strict;

import de.participation.web.ProblemResponseSupport;
import de.participation.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A request's Content-Type names one concrete type: {@code *}{@code /*} or {@code application/*}
 * describe what a client accepts, not what it sends, and Spring's reading of the body fails on
 * them with an internal error. Refused here with 415, like any type the endpoint does not read.
 */
class ConcreteContentType extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !concrete(contentType)) {
            HttpStatus status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            ProblemWriter.write(response, status, ProblemResponseSupport.codeFor(status),
                    "Content-Type must name one concrete media type, such as application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparseable) {
            return false;
        }
    }
}
