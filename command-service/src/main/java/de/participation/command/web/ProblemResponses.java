package de.participation.command.web;

import de.participation.command.personaldata.KeyService;
import de.participation.command.meeting.InconsistentTimes;
import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.writing.MeetingWriters;
import de.participation.web.FieldProblem;
import de.participation.web.ProblemResponseSupport;
import de.participation.web.keys.UnknownKeyEncryptionKeyException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;


/**
 * The command service's errors: rule violations 409 with their DOMAIN.md code, invalid input 400
 * with the fields at fault, unknown ids 404.
 */
@RestControllerAdvice
class ProblemResponses extends ProblemResponseSupport {

    @ExceptionHandler
    ResponseEntity<Object> ruleViolation(MeetingRuleViolation violation, WebRequest request) {
        ProblemDetail problem = switch (violation.rejection()) {
            case REGISTRATION_NOT_FOUND -> problem(HttpStatus.NOT_FOUND, NOT_FOUND, violation.getMessage());
            case NOT_ORGANISER -> problem(HttpStatus.FORBIDDEN, FORBIDDEN, violation.getMessage());
            default -> problem(HttpStatus.CONFLICT, violation.rejection().name(), violation.getMessage());
        };
        if (violation.registrationId() != null) {
            problem.setProperty("registrationId", violation.registrationId());
        }
        return respond(violation, problem, new HttpHeaders(), request);
    }

    /** The meeting's times would contradict each other: invalid input, with the fields at fault. */
    @ExceptionHandler
    ResponseEntity<Object> inconsistentTimes(InconsistentTimes inconsistent, WebRequest request) {
        return validationFailed(inconsistent, inconsistent.problems().entrySet().stream()
                .map(problem -> new FieldProblem(problem.getKey(), problem.getValue())).toList(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unknownMeeting(AggregateNotFoundException missing, WebRequest request) {
        return respond(missing, HttpStatus.NOT_FOUND, NOT_FOUND, "No meeting " + missing.getAggregateIdentifier(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unknownRegistration(ErasureController.UnknownRegistrationException missing,
                                               WebRequest request) {
        return respond(missing, HttpStatus.NOT_FOUND, NOT_FOUND, missing.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> foreignPersonalData(KeyService.ForeignPersonalDataException foreign,
                                               WebRequest request) {
        return respond(foreign, HttpStatus.FORBIDDEN, FORBIDDEN, foreign.getMessage(), request);
    }

    /**
     * A stored key is wrapped under a key-encryption key this service does not hold (removed from
     * the KEK file too early, or not yet deployed to this instance): no participant is opened, and
     * only an operator can help (GET /api/v1/admin/key-encryption-keys shows which KEK is missing).
     */
    @ExceptionHandler
    ResponseEntity<Object> keyEncryptionKeyMissing(UnknownKeyEncryptionKeyException missing, WebRequest request) {
        return respond(missing, HttpStatus.SERVICE_UNAVAILABLE, "KEY_ENCRYPTION_KEY_MISSING",
                "A key needed to open these participants is wrapped under a key-encryption key this service does "
                        + "not hold (" + missing.kekId() + "); an operator must provide it", request);
    }

    @ExceptionHandler
    ResponseEntity<Object> noOrganisation(RequestOrigin.NoOrganisationException missing, WebRequest request) {
        return respond(missing, HttpStatus.FORBIDDEN, FORBIDDEN, missing.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidRequest(InvalidRequestException invalid, WebRequest request) {
        return validationFailed(invalid, invalid.problems(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> rateLimited(RegistrationRateLimiter.RateLimitedException limited, WebRequest request) {
        return retryLater(limited, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", limited.getMessage(),
                limited.retryAfterSeconds(), request);
    }

    /**
     * PostgreSQL cannot be reached (Spring's or Axon's word for it, around the driver's): nothing was
     * written, and the pool reconnects by itself once the database is back.
     */
    @ExceptionHandler({TransactionException.class, DataAccessException.class, AxonException.class})
    ResponseEntity<Object> databaseUnavailable(RuntimeException failure, WebRequest request) {
        if (!DatabaseOutage.is(failure)) {
            return unexpected(failure, request);
        }
        return retryLater(failure, HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
                "The event store cannot be reached right now; nothing was changed. Retry shortly", 2, request);
    }

    @ExceptionHandler({CommandDispatcher.OverloadedException.class, MeetingWriters.MeetingBusyException.class})
    ResponseEntity<Object> overloaded(RuntimeException overloaded, WebRequest request) {
        return retryLater(overloaded, HttpStatus.SERVICE_UNAVAILABLE, "BUSY", overloaded.getMessage(), 1, request);
    }

    /** Retries after write conflicts ran out: the meeting is under extreme contention; try again. */
    @ExceptionHandler
    ResponseEntity<Object> persistentConflict(ConcurrencyException conflict, WebRequest request) {
        return retryLater(conflict, HttpStatus.SERVICE_UNAVAILABLE, "BUSY",
                "The meeting is changing too fast right now; please retry", 1, request);
    }

    /** Every problem this service answers with leaves its code for the command metric (CommandOutcomes). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(failure, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() != null && problem.getProperties().get("code") instanceof String code) {
            request.setAttribute(CommandOutcomes.PROBLEM_CODE, code, RequestAttributes.SCOPE_REQUEST);
        }
        return response;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (BodyLimits.causedByOversizedBody(unreadable)) {
            return respond(unreadable, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body exceeds the limit", request);
        }
        if (BodyLimits.causedBySlowBody(unreadable)) {
            return respond(unreadable, HttpStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT",
                    "The request body did not arrive in time", request);
        }
        return super.handleHttpMessageNotReadable(unreadable, headers, status, request);
    }
}
