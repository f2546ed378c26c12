package de.participation.query.webhooks;

import de.participation.query.web.Viewer;

import java.util.Optional;

/**
 * Who holds a subscription, and so whose meetings' events it receives (API.md, "Notifications"):
 * the portal those of every meeting (its registrations may be on any), an organisation those of
 * its own meetings, an operator any. Auditors read the history instead and do not subscribe.
 *
 * @param organisation the organisation, for {@link Kind#ORGANISATION} only
 */
record SubscriptionOwner(Kind kind, String organisation) {

    enum Kind { PORTAL, ORGANISATION, OPERATOR }

    static Optional<SubscriptionOwner> of(Viewer viewer) {
        if (viewer.operator()) {
            return Optional.of(new SubscriptionOwner(Kind.OPERATOR, null));
        }
        if (viewer.portal()) {
            return Optional.of(new SubscriptionOwner(Kind.PORTAL, null));
        }
        return Optional.ofNullable(viewer.organisation())
                .map(organisation -> new SubscriptionOwner(Kind.ORGANISATION, organisation));
    }

    /** Whether the events of a meeting of {@code meetingOrganisation} are this owner's to receive. */
    boolean receivesFrom(String meetingOrganisation) {
        return kind != Kind.ORGANISATION || organisation.equals(meetingOrganisation);
    }

    /** Whether this owner may see and change {@code subscription}: their own, or any for an operator. */
    boolean manages(Subscription subscription) {
        return kind == Kind.OPERATOR || equals(subscription.owner());
    }
}
