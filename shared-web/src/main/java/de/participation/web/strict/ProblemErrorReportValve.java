package de.participation.web.strict;

import de.participation.web.ProblemResponseSupport;
import de.participation.web.ProblemWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error report, for what it refuses before any servlet runs (a malformed request
 * line, an illegal character in the path): a problem body instead of Tomcat's HTML page, which
 * also names the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = status.is5xxServerError() ? "The request could not be processed" : status.getReasonPhrase();
        try {
            response.setContentType(ProblemWriter.contentType());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(ProblemWriter.body(status, ProblemResponseSupport.codeFor(status), detail),
                        StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already on its way: nothing more to tell it
        }
    }
}
