package de.participation.command.web;

import de.participation.web.FieldProblem;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads {@link RequestOrigin} from {@code X-Correlation-Id} (generated when absent) and
 * {@code X-Issued-By} ({@code anonymous} when absent; replaced by the authenticated principal once
 * there is authentication). Both end up in the immutable history, so they are bounded and limited
 * to printable characters.
 */
class RequestOriginResolver implements HandlerMethodArgumentResolver {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String ISSUED_BY_HEADER = "X-Issued-By";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E][\\x20-\\x7E]{0,127}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestOrigin.class;
    }

    @Override
    public RequestOrigin resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                         NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String correlationId = header(request, CORRELATION_HEADER, UUID.randomUUID().toString());
        String issuedBy = header(request, ISSUED_BY_HEADER, "anonymous");
        return new RequestOrigin(correlationId, issuedBy);
    }

    private static String header(NativeWebRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.trim();
        if (!PRINTABLE.matcher(trimmed).matches()) {
            throw new InvalidRequestException(List.of(new FieldProblem(name,
                    "must be 1 to 128 printable ASCII characters")));
        }
        return trimmed;
    }
}
