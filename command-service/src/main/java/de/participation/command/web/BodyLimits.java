package de.participation.command.web;

import de.participation.web.ProblemResponseSupport;
import de.participation.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Bounds what a request body may cost, so that neither large nor slow bodies can take the service
 * down:
 * <ul>
 *     <li>size: a declared Content-Length above the limit is refused at once (413), a chunked body
 *     while it is read, which ends in the same 413 through {@link ProblemResponses} (a path may
 *     have a larger limit of its own, {@code largerLimits}, by exact path);</li>
 *     <li>time: a body must arrive within {@code readWithin} of the request (408). The web server's
 *     connection timeout bounds each silence; this bounds a client that sends a byte now and then;</li>
 *     <li>number: at most {@code concurrentUploads} bodies are being received at once; the next
 *     one is refused at once with 503 and Retry-After rather than waited for.</li>
 * </ul>
 */
class BodyLimits extends OncePerRequestFilter {

    private final long defaultMaxBytes;
    private final Map<String, Long> largerLimits;
    private final Duration readWithin;
    private final Semaphore uploads;

    BodyLimits(long defaultMaxBytes, Map<String, Long> largerLimits, Duration readWithin, int concurrentUploads) {
        this.defaultMaxBytes = defaultMaxBytes;
        this.largerLimits = Map.copyOf(largerLimits);
        this.readWithin = readWithin;
        this.uploads = new Semaphore(concurrentUploads);
    }

    static boolean causedByOversizedBody(Throwable failure) {
        return causedBy(failure, BodyTooLargeException.class);
    }

    /** Too slow in all, or silent for longer than the web server's connection timeout. */
    static boolean causedBySlowBody(Throwable failure) {
        return causedBy(failure, BodyTooSlowException.class) || causedBy(failure, SocketTimeoutException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends IOException> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = largerLimits.getOrDefault(request.getRequestURI(), defaultMaxBytes);
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body exceeds " + maxBytes + " bytes");
            return;
        }
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!uploads.tryAcquire()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "Too many request bodies are being received; retry shortly");
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes, System.nanoTime() + readWithin.toNanos(), uploads);
        try {
            chain.doFilter(limited, response);
        } finally {
            limited.received();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemWriter.write(response, status, ProblemResponseSupport.codeFor(status), detail);
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("The request body exceeds " + maxBytes + " bytes");
        }
    }

    static final class BodyTooSlowException extends IOException {
        BodyTooSlowException() {
            super("The request body did not arrive in time");
        }
    }

    /** The request whose body is read through the limits; its upload slot is given back once. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final long deadline;
        private final Semaphore uploads;
        private boolean received;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes, long deadline, Semaphore uploads) {
            super(request);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
            this.uploads = uploads;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), this);
            }
            return stream;
        }

        /** The body is in (or will never be read): its slot is free for the next. */
        synchronized void received() {
            if (!received) {
                received = true;
                uploads.release();
            }
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final LimitedRequest request;
        private long read;

        LimitedStream(ServletInputStream delegate, LimitedRequest request) {
            this.delegate = delegate;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            counted(n);
            return n;
        }

        private void counted(int n) throws IOException {
            if (n > 0) {
                read += n;
            }
            if (read > request.maxBytes) {
                throw new BodyTooLargeException(request.maxBytes);
            }
            if (n < 0 || read == request.getContentLengthLong()) {
                request.received();
            } else if (System.nanoTime() > request.deadline) {
                throw new BodyTooSlowException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
