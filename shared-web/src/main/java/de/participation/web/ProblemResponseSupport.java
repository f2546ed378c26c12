package de.participation.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The error format of both services (RFC 9457 {@code application/problem+json}) with a
 * machine-readable {@code code}: {@code VALIDATION_FAILED} with the fields at fault for 400,
 * {@code NOT_FOUND} for 404, the HTTP status name for the other framework errors, and a plain 500
 * without any stack trace for the unexpected, which is logged instead. Each service's one
 * {@code @RestControllerAdvice} extends this with its own errors.
 */
public abstract class ProblemResponseSupport extends ResponseEntityExceptionHandler {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String FORBIDDEN = "FORBIDDEN";

    private static final Logger log = LoggerFactory.getLogger(ProblemResponseSupport.class);

    @ExceptionHandler
    ResponseEntity<Object> invalidParameter(MethodArgumentTypeMismatchException mismatch, WebRequest request) {
        Class<?> type = mismatch.getRequiredType();
        String expected = type == null ? "a valid value"
                : type.isEnum() ? "one of " + List.of(type.getEnumConstants())
                : "a valid " + type.getSimpleName();
        return validationFailed(mismatch, List.of(new FieldProblem(mismatch.getName(), "must be " + expected)), request);
    }

    /**
     * The security firewall checks header values only when they are read, which may be in a
     * handler's argument: the same refusal as when it checks the URL before any handler.
     */
    @ExceptionHandler
    ResponseEntity<Object> rejectedByTheFirewall(RequestRejectedException rejected, WebRequest request) {
        return respond(rejected, HttpStatus.BAD_REQUEST, VALIDATION_FAILED,
                "The request contains characters that are not allowed", request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> unexpected(Exception failure, WebRequest request) {
        log.error("Unexpected failure", failure);
        return respond(failure, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The request could not be processed", request);
    }

    /** A constraint on a request parameter or header, named by the parameter. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = invalid.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        parameterName(result.getMethodParameter()), error.getDefaultMessage())))
                .toList();
        return validationFailed(invalid, problems, request);
    }

    /** The name the client used: the header's or parameter's, else the Java parameter's. */
    private static String parameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.value().isEmpty()) {
            return header.value();
        }
        return parameter.getParameterName();
    }

    /** An invalid request body: each field at fault, by its name in the body. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = invalid.getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return validationFailed(invalid, problems, request);
    }

    /** A request body that is not the JSON the endpoint takes. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return validationFailed(unreadable, List.of(describe(unreadable.getCause())), request);
    }

    /** A Jackson failure in words a client can act on, with the path of the field at fault. */
    private static FieldProblem describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(path(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new FieldProblem(path(format), "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String type = mapping instanceof InvalidFormatException format && format.getTargetType() != null
                    ? format.getTargetType().getSimpleName() : null;
            return new FieldProblem(path(mapping), type == null ? "has a wrong type or format"
                    : "is not a valid " + type + ("OffsetDateTime".equals(type) ? " (ISO-8601 with offset)" : ""));
        }
        if (cause instanceof JsonProcessingException json) {
            return new FieldProblem("body", "is not valid JSON: " + json.getOriginalMessage());
        }
        return new FieldProblem("body", "is missing or unreadable");
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Gives every framework-made problem (405, 415, …) a code as well. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        if (body == null && failure instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", codeFor(status));
        }
        return super.handleExceptionInternal(failure, body, headers, status, request);
    }

    protected ResponseEntity<Object> respond(Exception failure, HttpStatus status, String code, String detail,
                                             WebRequest request) {
        return respond(failure, problem(status, code, detail), new HttpHeaders(), request);
    }

    /** A refusal the client may try again after {@code seconds} (429, 503): the problem with Retry-After. */
    protected ResponseEntity<Object> retryLater(Exception failure, HttpStatus status, String code, String detail,
                                                long seconds, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return respond(failure, problem(status, code, detail), headers, request);
    }

    protected ResponseEntity<Object> respond(Exception failure, ProblemDetail problem, HttpHeaders headers,
                                             WebRequest request) {
        return handleExceptionInternal(failure, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    protected ResponseEntity<Object> validationFailed(Exception failure, List<FieldProblem> problems,
                                                      WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", problems);
        return respond(failure, problem, new HttpHeaders(), request);
    }

    protected static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }

    /** The {@code code} of a problem that has no more specific one: derived from its status. */
    public static String codeFor(HttpStatusCode status) {
        if (status.value() == 404) {
            return NOT_FOUND;
        }
        if (status.value() == 400) {
            return VALIDATION_FAILED;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }
}
