package de.participation.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.meeting.Rejection;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error as {@code application/problem+json} with a machine-readable {@code code}: rule
 * violations 409, invalid input 400 with the fields at fault, unknown ids 404. Nothing leaks a
 * stack trace; the unexpected is logged here and answered with a plain 500.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    static final String NOT_FOUND = "NOT_FOUND";

    @ExceptionHandler
    ResponseEntity<Object> ruleViolation(MeetingRuleViolation violation, WebRequest request) {
        boolean notFound = violation.rejection() == Rejection.REGISTRATION_NOT_FOUND;
        HttpStatus status = notFound ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        ProblemDetail problem = problem(status, notFound ? NOT_FOUND : violation.rejection().name(),
                violation.getMessage());
        if (violation.registrationId() != null) {
            problem.setProperty("registrationId", violation.registrationId());
        }
        return handleExceptionInternal(violation, problem, new HttpHeaders(), status, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unknownMeeting(AggregateNotFoundException missing, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, NOT_FOUND,
                "No meeting " + missing.getAggregateIdentifier());
        return handleExceptionInternal(missing, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidRequest(InvalidRequestException invalid, WebRequest request) {
        return validationFailed(invalid, invalid.problems(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidPathValue(MethodArgumentTypeMismatchException mismatch, WebRequest request) {
        String expected = mismatch.getRequiredType() == null ? "a valid value" : "a valid " + mismatch.getRequiredType().getSimpleName();
        return validationFailed(mismatch, List.of(new FieldProblem(mismatch.getName(), "must be " + expected)), request);
    }

    /** Retries after write conflicts ran out: the meeting is under extreme contention; try again. */
    @ExceptionHandler
    ResponseEntity<Object> persistentConflict(ConcurrencyException conflict, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY",
                "The meeting is changing too fast right now; please retry");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return handleExceptionInternal(conflict, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception failure, WebRequest request) {
        log.error("Unexpected failure", failure);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The request could not be processed");
        return handleExceptionInternal(failure, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

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

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = invalid.getAllErrors().stream()
                .map(error -> new FieldProblem("body", error.getDefaultMessage()))
                .toList();
        return validationFailed(invalid, problems, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (BodySizeLimit.causedByOversizedBody(unreadable)) {
            ProblemDetail problem = problem(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body exceeds the limit");
            return handleExceptionInternal(unreadable, problem, new HttpHeaders(), HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        return validationFailed(unreadable, List.of(describe(unreadable.getCause())), request);
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
            problem.setProperty("code", codeFor(status));
        }
        return super.handleExceptionInternal(failure, body, headers, status, request);
    }

    private ResponseEntity<Object> validationFailed(Exception failure, List<FieldProblem> problems, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", problems);
        return handleExceptionInternal(failure, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
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

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }

    private static String codeFor(HttpStatusCode status) {
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
