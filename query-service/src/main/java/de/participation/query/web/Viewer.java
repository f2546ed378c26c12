package de.participation.query.web;

import de.participation.query.projection.MeetingReadModel;
import de.participation.web.security.Roles;
import de.participation.web.security.TokenAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is reading: the portal may read any one registration; an organiser reads only the meetings
 * (and their participants) of their own organisation. For anyone else a meeting does not exist
 * (404), so that the API does not reveal other organisations' participant lists.
 */
public record Viewer(boolean portal, String organisation) {

    public static Viewer current() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean portal = caller.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(Roles.authority(Roles.PORTAL)));
        String organisation = caller instanceof JwtAuthenticationToken token
                ? TokenAuthentication.organisationOf(token.getToken()) : null;
        return new Viewer(portal, organisation);
    }

    public boolean organises(MeetingReadModel meeting) {
        return organisation != null && organisation.equals(meeting.organisation());
    }
}
