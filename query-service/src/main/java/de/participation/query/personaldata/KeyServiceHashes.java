package de.participation.query.personaldata;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Asks the key service (in the command service) for the hashes by which it would recognise an
 * address in each of some meetings, on the caller's own token (operators only): what the read
 * side's scan looks for, as it holds no key to compute them.
 */
@Component
public class KeyServiceHashes {

    /** As many as the key service takes in one request. */
    private static final int MEETINGS_PER_REQUEST = 1_000;

    private final RestClient commandService;

    KeyServiceHashes(RestClient.Builder builder, PersonalDataProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        this.commandService = builder.baseUrl(properties.commandServiceUrl().toString())
                .requestFactory(requests).build();
    }

    private record EmailHashesRequest(String email, List<UUID> meetingIds) {
    }

    private record EmailHashesResponse(Map<UUID, String> hashes) {
    }

    /**
     * The hashes of {@code email} in {@code meetingIds}.
     *
     * @throws PersonalDataUnavailableException if the key service cannot be asked
     */
    public List<String> hashesOf(String email, List<UUID> meetingIds) {
        List<String> hashes = new ArrayList<>();
        for (int from = 0; from < meetingIds.size(); from += MEETINGS_PER_REQUEST) {
            List<UUID> chunk = meetingIds.subList(from, Math.min(meetingIds.size(), from + MEETINGS_PER_REQUEST));
            try {
                EmailHashesResponse response = commandService.post().uri("/api/v1/personal-data/email-hashes")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + callersToken())
                        .body(new EmailHashesRequest(email, chunk))
                        .retrieve()
                        .body(EmailHashesResponse.class);
                hashes.addAll(Objects.requireNonNull(response).hashes().values());
            } catch (RestClientException e) {
                throw new PersonalDataUnavailableException("The key service cannot hash the address right now", e);
            }
        }
        return hashes;
    }

    private static String callersToken() {
        return ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken()
                .getTokenValue();
    }
}
