package de.participation.query.web;

import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.ReadModelStore;
import de.participation.web.security.Roles;
import de.participation.web.security.TokenAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;


/**
 * Who is reading: the portal may read any one registration; an organiser reads only the meetings
 * (and their participants) of their own organisation; an operator sees every meeting's numbers,
 * but no participants. For anyone else a meeting does not exist (404), so that the API does not
 * reveal other organisations' participant lists.
 */
public record Viewer(boolean portal, boolean operator, boolean auditor, String organisation) {

    public static Viewer current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Viewer of(Authentication caller) {
        String organisation = caller instanceof JwtAuthenticationToken token
                ? TokenAuthentication.organisationOf(token.getToken()) : null;
        return new Viewer(hasRole(caller, Roles.PORTAL), hasRole(caller, Roles.OPERATOR),
                hasRole(caller, Roles.AUDITOR), organisation);
    }

    /** Whether the viewer may read this meeting's participants: its own organisers only. */
    public boolean organises(MeetingReadModel meeting) {
        return organisation != null && organisation.equals(meeting.organisation());
    }

    /** Whether the viewer may export this meeting's participant lists: its own organisers and auditors. */
    public boolean exports(MeetingReadModel meeting) {
        return auditor || organises(meeting);
    }

    /** Whether the viewer may see this meeting's details and numbers. */
    public boolean sees(MeetingReadModel meeting) {
        return operator || organises(meeting);
    }

    /**
     * A slice of the meetings the viewer sees, soonest first, and how many they are: an operator's
     * all, an organiser's own.
     */
    public ReadModelStore.MeetingPage meetings(ReadModelStore store, int offset, int limit) {
        if (operator) {
            return store.meetingsOf(null, offset, limit);
        }
        return organisation == null ? ReadModelStore.MeetingPage.EMPTY : store.meetingsOf(organisation, offset, limit);
    }

    private static boolean hasRole(Authentication caller, String role) {
        return caller.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(Roles.authority(role)));
    }
}
