package de.participation.query.web;

import com.mongodb.MongoException;
import de.participation.query.personaldata.PersonalDataUnavailableException;
import de.participation.query.projection.MongoOutage;
import de.participation.web.ProblemResponseSupport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The read API's errors: unknown ids 404, invalid parameters or bodies 400, a limit reached 409, a read that waited in vain 504,
 * personal data that cannot be opened right now, and read models still catching up with the history, 503.
 */
@RestControllerAdvice
class ProblemResponses extends ProblemResponseSupport {

    @ExceptionHandler
    ResponseEntity<Object> notFound(NotFoundException missing, WebRequest request) {
        return respond(missing, HttpStatus.NOT_FOUND, NOT_FOUND, missing.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalid(InvalidRequestException invalid, WebRequest request) {
        return validationFailed(invalid, invalid.problems(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> forbidden(AccessDeniedException denied, WebRequest request) {
        return respond(denied, HttpStatus.FORBIDDEN, FORBIDDEN, denied.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> limitReached(LimitReachedException reached, WebRequest request) {
        return respond(reached, HttpStatus.CONFLICT, "LIMIT_REACHED", reached.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> personalDataUnavailable(PersonalDataUnavailableException unavailable, WebRequest request) {
        return retryLater(unavailable, HttpStatus.SERVICE_UNAVAILABLE, "PERSONAL_DATA_UNAVAILABLE",
                unavailable.getMessage(), 5, request);
    }

    /** MongoDB cannot be reached: reads cannot be answered now; the projection waits and resumes. */
    @ExceptionHandler
    ResponseEntity<Object> readModelsUnavailable(MongoException failure, WebRequest request) {
        if (!MongoOutage.is(failure)) {
            return unexpected(failure, request);
        }
        return retryLater(failure, HttpStatus.SERVICE_UNAVAILABLE, "READ_MODELS_UNAVAILABLE",
                "The read models cannot be reached right now; retry shortly", 2, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> rebuildInProgress(RebuildInProgressException running, WebRequest request) {
        return respond(running, HttpStatus.CONFLICT, "REBUILD_IN_PROGRESS", running.getMessage(), request);
    }

    /** The read models catch up with the history: the problem says how far ({@link CatchingUpGate}). */
    @ExceptionHandler
    ResponseEntity<Object> catchingUp(CatchingUpGate.CatchingUpException catchingUp, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "READ_MODELS_CATCHING_UP", catchingUp.getMessage());
        problem.setProperty("eventsProjected", catchingUp.progress().eventsProjected());
        problem.setProperty("eventsToGo", catchingUp.progress().eventsToGo());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "2");
        return respond(catchingUp, problem, headers, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> notYetProjected(ReadYourWrites.NotYetProjectedException late, WebRequest request) {
        return respond(late, HttpStatus.GATEWAY_TIMEOUT, "NOT_YET_PROJECTED", late.getMessage(), request);
    }
}
