package de.participation.query.personaldata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.participation.events.Participant;
import de.participation.query.projection.RegistrationReadModel;
import de.participation.web.security.Roles;
import de.participation.web.security.TokenAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Has the key service open the sealed participants of the registrations a reader asked for, in one
 * request per read, on the reader's own token: the key service decides whether this reader may see
 * them, and the read side never holds a key.
 *
 * <p>What was opened is kept for a while ({@link PersonalDataProperties#cacheFor}, at most 50 s),
 * per kind of reader as the key service decides (the portal and auditors read every meeting, anyone
 * else their organisation's), so that one reader's answer never serves another who would be
 * refused. An erasure deletes the key at once; a kept copy may outlive it by that while, which stays
 * within the promised minute. Once the erasure is projected, the read model drops the ciphertext and
 * the registration is not asked for again.
 *
 * <p>When the key service cannot be reached, or fails, the read still answers: the participants not
 * kept are {@linkplain OpenedParticipants#isUnavailable unavailable}. A refusal is not an outage and
 * fails the read.
 */
@Component
public class ParticipantOpener {

    private static final Logger log = LoggerFactory.getLogger(ParticipantOpener.class);
    private static final String OPEN = "/api/v1/personal-data/open";

    private final KeyServiceRequests keyService;
    private final Cache<Kept, Optional<Participant>> kept;

    ParticipantOpener(KeyServiceRequests keyService, PersonalDataProperties properties) {
        this.keyService = keyService;
        this.kept = Caffeine.newBuilder().expireAfterWrite(properties.cacheFor())
                .maximumSize(properties.cacheEntries()).build();
    }

    /** A registration's participant as opened for a kind of reader; empty once erased. */
    private record Kept(String readerScope, UUID registrationId) {
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
     * The participants of {@code registrations}.
     *
     * @throws PersonalDataUnavailableException if the key service refuses
     */
    public OpenedParticipants open(Collection<RegistrationReadModel> registrations) {
        Map<UUID, String> ciphertexts = new HashMap<>();
        registrations.stream().filter(registration -> registration.sealedParticipant() != null)
                .forEach(registration -> ciphertexts.put(registration.registrationId(), registration.sealedParticipant()));
        return openCiphertexts(ciphertexts);
    }

    /**
     * The participants sealed in {@code ciphertexts} (by registration id).
     *
     * @throws PersonalDataUnavailableException if the key service refuses
     */
    public OpenedParticipants openCiphertexts(Map<UUID, String> ciphertexts) {
        String readerScope = readerScope();
        Map<UUID, Participant> participants = new HashMap<>();
        List<SealedRegistration> toOpen = new ArrayList<>();
        ciphertexts.forEach((registrationId, ciphertext) -> {
            Optional<Participant> known = kept.getIfPresent(new Kept(readerScope, registrationId));
            if (known == null) {
                toOpen.add(new SealedRegistration(registrationId, ciphertext));
            } else {
                known.ifPresent(participant -> participants.put(registrationId, participant));
            }
        });
        if (toOpen.isEmpty()) {
            return new OpenedParticipants(participants, Set.of());
        }
        OpenResponse response;
        try {
            response = keyService.post(OPEN, new OpenRequest(toOpen), OpenResponse.class);
        } catch (ResourceAccessException | HttpServerErrorException unreachable) {
            log.warn("The key service cannot open participants right now: {}", unreachable.getMessage());
            return new OpenedParticipants(participants, toOpen.stream().map(SealedRegistration::registrationId)
                    .collect(Collectors.toSet()));
        } catch (RestClientException refused) {
            throw new PersonalDataUnavailableException("The key service refused to open these participants", refused);
        }
        for (OpenedRegistration opened : response.registrations()) {
            Participant participant = opened.erased() ? null : opened.participant();
            kept.put(new Kept(readerScope, opened.registrationId()), Optional.ofNullable(participant));
            if (participant != null) {
                participants.put(opened.registrationId(), participant);
            }
        }
        return new OpenedParticipants(participants, Set.of());
    }

    /** What the key service decides on: the portal and auditors read every meeting, anyone else their organisation's. */
    private static String readerScope() {
        JwtAuthenticationToken caller = KeyServiceRequests.caller();
        Set<String> authorities = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return authorities.contains(Roles.authority(Roles.PORTAL)) || authorities.contains(Roles.authority(Roles.AUDITOR))
                ? "every meeting"
                : "organisation " + TokenAuthentication.organisationOf(caller.getToken());
    }
}
