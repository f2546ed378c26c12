package de.participation.query.personaldata;

import de.participation.events.Participant;
import de.participation.query.projection.RegistrationReadModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Has the command service open the sealed participants of the registrations a reader asked for,
 * in one request per read, on the reader's own token: the command service decides again whether
 * this reader may see them, and the read side never holds a key. Nothing is cached, so an erasure
 * shows at once, before its event is even projected.
 */
@Component
public class ParticipantOpener {

    private final RestClient commandService;

    ParticipantOpener(RestClient.Builder builder, PersonalDataProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        this.commandService = builder.baseUrl(properties.commandServiceUrl().toString())
                .requestFactory(requests).build();
    }

    private record SealedRegistration(UUID registrationId, String ciphertext) {
    }

    private record OpenRequest(List<SealedRegistration> registrations) {
    }

    private record OpenedRegistration(UUID registrationId, Participant participant, boolean erased) {
    }

    private record OpenResponse(List<OpenedRegistration> registrations) {
    }

    /**
     * The participants of {@code registrations} by registration id; an erased one is missing.
     *
     * @throws PersonalDataUnavailableException if the command service cannot be asked
     */
    public Map<UUID, Participant> open(Collection<RegistrationReadModel> registrations) {
        Map<UUID, String> ciphertexts = new HashMap<>();
        registrations.stream().filter(registration -> registration.sealedParticipant() != null)
                .forEach(registration -> ciphertexts.put(registration.registrationId(), registration.sealedParticipant()));
        return openCiphertexts(ciphertexts);
    }

    /**
     * The participants sealed in {@code ciphertexts} (by registration id); an erased one is missing.
     *
     * @throws PersonalDataUnavailableException if the command service cannot be asked
     */
    public Map<UUID, Participant> openCiphertexts(Map<UUID, String> ciphertexts) {
        List<SealedRegistration> sealed = ciphertexts.entrySet().stream()
                .map(entry -> new SealedRegistration(entry.getKey(), entry.getValue()))
                .toList();
        if (sealed.isEmpty()) {
            return Map.of();
        }
        OpenResponse response;
        try {
            response = commandService.post().uri("/api/v1/personal-data/open")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + callersToken())
                    .body(new OpenRequest(sealed))
                    .retrieve()
                    .body(OpenResponse.class);
        } catch (RestClientException e) {
            throw new PersonalDataUnavailableException("The participants' personal data cannot be opened right now", e);
        }
        Map<UUID, Participant> opened = new HashMap<>();
        Objects.requireNonNull(response).registrations().stream()
                .filter(registration -> !registration.erased())
                .forEach(registration -> opened.put(registration.registrationId(), registration.participant()));
        return opened;
    }

    private static String callersToken() {
        return ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken()
                .getTokenValue();
    }
}
