package de.participation.command.web;

import de.participation.web.FieldProblem;
import de.participation.web.security.TokenAuthentication;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads {@link RequestOrigin}: the caller from the verified token, the correlation id from
 * {@code X-Correlation-Id} (generated when absent). The correlation id ends up in the immutable
 * history, so it is bounded and limited to printable characters.
 */
class RequestOriginResolver implements HandlerMethodArgumentResolver {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E][\\x20-\\x7E]{0,127}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestOrigin.class;
    }

    @Override
    public RequestOrigin resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                         NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String organisation = caller instanceof JwtAuthenticationToken token
                ? TokenAuthentication.organisationOf(token.getToken()) : null;
        return new RequestOrigin(correlationId(request), caller.getName(), organisation,
                AuthorityUtils.authorityListToSet(caller.getAuthorities()));
    }

    private static String correlationId(NativeWebRequest request) {
        String value = request.getHeader(CORRELATION_HEADER);
        if (value == null || value.isBlank()) {
            return UUID.randomUUID().toString();
        }
        String trimmed = value.trim();
        if (!PRINTABLE.matcher(trimmed).matches()) {
            throw new InvalidRequestException(List.of(new FieldProblem(CORRELATION_HEADER,
                    "must be 1 to 128 printable ASCII characters")));
        }
        return trimmed;
    }
}
