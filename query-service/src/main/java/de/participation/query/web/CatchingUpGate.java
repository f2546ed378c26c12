package de.participation.query.web;

import de.participation.query.kafka.ReadModelsCatchUp;
import de.participation.query.kafka.ReadModelsCatchUp.Progress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every read of meeting data (meetings, registrations, waiting lists, streams, activity, audit
 * views) waits for read models that may be served: while they catch up with the history after a
 * new or replaced store, it answers 503 {@code READ_MODELS_CATCHING_UP} with the progress, never a
 * 404, a short list or a low count for data the history holds ({@link ReadModelsCatchUp}).
 * Webhook subscriptions and the operators' endpoints are not read models, and stay open.
 */
@Configuration
class CatchingUpGate implements WebMvcConfigurer, HandlerInterceptor {

    /** Thrown to the problem responses while the read models catch up. */
    static final class CatchingUpException extends RuntimeException {

        private final transient Progress progress;

        CatchingUpException(Progress progress) {
            super("The read models are being rebuilt from the history after their store was found new or replaced; "
                    + "retry shortly");
            this.progress = progress;
        }

        Progress progress() {
            return progress;
        }
    }

    private final ReadModelsCatchUp catchUp;

    CatchingUpGate(ReadModelsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns("/api/v1/meetings/**", "/api/v1/registrations/**", "/api/v1/audit/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Progress progress = catchUp.progress();
        if (!progress.caughtUp()) {
            throw new CatchingUpException(progress);
        }
        return true;
    }
}
