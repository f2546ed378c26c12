package de.participation.query.personaldata;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.util.Objects;

/**
 * Requests to the key service (in the command service), each on the caller's own token, so that
 * the key service decides again what this caller may have, and each within the configured timeout.
 */
@Component
class KeyServiceRequests {

    private final RestClient commandService;

    KeyServiceRequests(RestClient.Builder builder, PersonalDataProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        this.commandService = builder.baseUrl(properties.commandServiceUrl().toString())
                .requestFactory(requests).build();
    }

    /**
     * @throws org.springframework.web.client.RestClientException if the key service cannot be
     *                                                            reached, fails or refuses
     */
    <T> T post(String path, Object body, Class<T> answer) {
        return Objects.requireNonNull(commandService.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller().getToken().getTokenValue())
                .body(body)
                .retrieve()
                .body(answer));
    }

    static JwtAuthenticationToken caller() {
        return (JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication();
    }
}
