package de.participation.query.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/** Every error of the read API as {@code application/problem+json} with a {@code code}. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler
    ResponseEntity<Object> notFound(NotFoundException missing, WebRequest request) {
        return respond(missing, HttpStatus.NOT_FOUND, "NOT_FOUND", missing.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> notYetProjected(ReadYourWrites.NotYetProjectedException late, WebRequest request) {
        return respond(late, HttpStatus.GATEWAY_TIMEOUT, "NOT_YET_PROJECTED", late.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidParameter(MethodArgumentTypeMismatchException mismatch, WebRequest request) {
        String expected = mismatch.getRequiredType() == null ? "a valid value"
                : mismatch.getRequiredType().isEnum()
                ? "one of " + List.of(mismatch.getRequiredType().getEnumConstants())
                : "a valid " + mismatch.getRequiredType().getSimpleName();
        return validationFailed(mismatch, mismatch.getName(), "must be " + expected, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        var result = invalid.getParameterValidationResults().getFirst();
        return validationFailed(invalid, result.getMethodParameter().getParameterName(),
                result.getResolvableErrors().getFirst().getDefaultMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception failure, WebRequest request) {
        log.error("Unexpected failure", failure);
        return respond(failure, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "The request could not be processed",
                request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        if (body == null && failure instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setProperty("code", status.value() == 404 ? "NOT_FOUND"
                    : status.value() == 400 ? "VALIDATION_FAILED"
                    : known == null ? "HTTP_" + status.value() : known.name());
        }
        return super.handleExceptionInternal(failure, body, headers, status, request);
    }

    private ResponseEntity<Object> validationFailed(Exception failure, String field, String message, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", field + ": " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return handleExceptionInternal(failure, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> respond(Exception failure, HttpStatus status, String code, String detail,
                                           WebRequest request) {
        return handleExceptionInternal(failure, problem(status, code, detail), new HttpHeaders(), status, request);
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }
}
