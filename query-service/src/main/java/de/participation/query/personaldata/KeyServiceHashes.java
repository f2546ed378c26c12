package de.participation.query.personaldata;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks the key service for the hashes by which it would recognise an address in each of some
 * meetings (for the data protection officer only): what the read side's scan looks for, as it holds no key to compute them.
 */
@Component
public class KeyServiceHashes {

    /** As many as the key service takes in one request. */
    private static final int MEETINGS_PER_REQUEST = 1_000;

    private final KeyServiceRequests keyService;

    KeyServiceHashes(KeyServiceRequests keyService) {
        this.keyService = keyService;
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
                hashes.addAll(keyService.post("/api/v1/personal-data/email-hashes",
                        new EmailHashesRequest(email, chunk), EmailHashesResponse.class).hashes().values());
            } catch (RestClientException e) {
                throw new PersonalDataUnavailableException("The key service cannot hash the address right now", e);
            }
        }
        return hashes;
    }
}
