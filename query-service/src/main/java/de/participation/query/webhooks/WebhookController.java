package de.participation.query.webhooks;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.query.web.InvalidRequestException;
import de.participation.query.web.LimitReachedException;
import de.participation.query.web.NotFoundException;
import de.participation.web.Page;
import de.participation.query.web.Viewer;
import de.participation.query.webhooks.Delivery.Attempt;
import de.participation.web.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Subscriptions, their secrets' rotation and their delivery logs (API.md, "Notifications
 * (webhooks)"). Each caller sees and changes only the subscriptions it holds
 * ({@link SubscriptionOwner}); any other id is unknown (404). A secret is shown once, when it is
 * made, and never read back.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Subscriptions to the domain's events (Standard Webhooks). The portal's "
        + "subscriptions get the events of every meeting, an organiser's those of their organisation's meetings, an "
        + "operator's any; each manages its own subscriptions (an organiser their organisation's), others are not "
        + "found.")
class WebhookController {

    /** How long, at most and by default, the previous secret still signs after a rotation: 24 h. */
    private static final int LONGEST_ROTATION_WINDOW_SECONDS = 86_400;

    private final Subscriptions subscriptions;
    private final WebhookSecrets secrets;
    private final SecretsUpkeep upkeep;
    private final Deliveries deliveries;
    private final TargetGuard guard;
    private final WebhookDispatcher dispatcher;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookController(Subscriptions subscriptions, WebhookSecrets secrets, SecretsUpkeep upkeep, Deliveries deliveries,
                      TargetGuard guard, WebhookDispatcher dispatcher, WebhookProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.upkeep = upkeep;
        this.deliveries = deliveries;
        this.guard = guard;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
    }

    record SubscribeRequest(@NotBlank @Size(max = 2000) String url,
                            @NotEmpty @Size(max = 20) List<@NotNull String> events,
                            @Size(max = 500) String description) {
    }

    record CreatedWebhook(UUID webhookId, String secret, String url, Set<String> events, String description,
                          Instant createdAt) {
    }

    /** A subscription as its holder sees it, without its secrets; {@code previousSecretExpiresAt} while a rotation lasts. */
    record WebhookView(UUID webhookId, String url, Set<String> events, String description, String owner,
                       String organisation, Instant createdAt, Instant previousSecretExpiresAt) {

        static WebhookView of(Subscription subscription, Instant now) {
            return new WebhookView(subscription.id(), subscription.url(), new TreeSet<>(subscription.events()),
                    subscription.description(), subscription.owner().kind().name(), subscription.owner().organisation(),
                    subscription.createdAt(), previousSecretExpiry(subscription.secrets(), now));
        }
    }

    /** @param windowSeconds how long the previous secret still signs; at most (and by default) 24 h */
    record RotationRequest(@Min(1) @Max(LONGEST_ROTATION_WINDOW_SECONDS) Integer windowSeconds) {
    }

    record RotatedSecret(UUID webhookId, String secret, Instant previousSecretExpiresAt) {
    }

    record DeliveryView(UUID deliveryId, String event, String type, UUID eventId, UUID meetingId, long sequence,
                        String status, List<Attempt> attempts, String lastAnswer, Instant createdAt,
                        Instant nextAttemptAt, Instant deliveredAt) {

        static DeliveryView of(Delivery delivery) {
            List<Attempt> attempts = delivery.attempts();
            return new DeliveryView(delivery.id(), delivery.event(), delivery.eventType(), delivery.eventId(),
                    delivery.meetingId(), delivery.sequence(), delivery.status().name(), attempts,
                    attempts.isEmpty() ? null : attempts.getLast().answer(), delivery.createdAt(),
                    delivery.nextAttemptAt(), delivery.deliveredAt());
        }
    }

    record RetryAccepted(UUID deliveryId, String status) {
    }

    @Operation(summary = "Subscribe", description = "Deliveries are signed `POST`s of the event's CloudEvent with "
            + "`webhook-id`, `webhook-timestamp` and `webhook-signature`. The secret is shown once, here. Event names: "
            + "`registration.confirmed`, `registration.waitlisted`, `registration.promoted`, `registration.offered`, "
            + "`registration.offer-expired`, `registration.cancelled`, `registration.checked-in`, "
            + "`registration.erased`, `meeting.details-changed`, `meeting.capacity-changed`, `meeting.cancelled`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @ApiResponse(responseCode = "201", description = "Subscribed, with `Location`; the secret shown this once")
    @Refusal(status = 409, codes = "LIMIT_REACHED", when = "a 51st subscription of the same portal, organisation "
            + "or operator")
    @PostMapping
    ResponseEntity<CreatedWebhook> subscribe(@Valid @RequestBody SubscribeRequest request) {
        SubscriptionOwner owner = owner();
        URI url = acceptableUrl(request.url());
        Set<String> events = knownEvents(request.events());
        if (subscriptions.all().stream().filter(existing -> existing.owner().equals(owner)).count() >= properties.maxPerOwner()) {
            throw new LimitReachedException("At most " + properties.maxPerOwner() + " subscriptions per holder; delete one first");
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        Subscription subscription = new Subscription(id, url.toString(), events, request.description(),
                owner, secrets.sealed(id, secret), clock.instant());
        subscriptions.add(subscription);
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(subscription.id());
        return ResponseEntity.created(location).body(new CreatedWebhook(subscription.id(), secret,
                subscription.url(), new TreeSet<>(events), subscription.description(), subscription.createdAt()));
    }

    @Operation(summary = "The caller's subscriptions", description = "Never a secret.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @GetMapping
    List<WebhookView> list() {
        SubscriptionOwner owner = owner();
        Instant now = clock.instant();
        return subscriptions.all().stream().filter(owner::manages)
                .sorted(Comparator.comparing(Subscription::createdAt)).map(subscription -> WebhookView.of(subscription, now))
                .toList();
    }

    @Operation(summary = "A subscription", description = "`previousSecretExpiresAt` while a rotation lasts; never a "
            + "secret.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @GetMapping("/{webhookId}")
    WebhookView show(@PathVariable UUID webhookId) {
        return WebhookView.of(managed(webhookId), clock.instant());
    }

    /**
     * A new secret, shown this once. The previous one still signs for the window asked (24 h if
     * none), so each delivery meanwhile carries both signatures and the receiver can switch over
     * without losing one; a previous secret of an earlier rotation stops signing at once.
     */
    @Operation(summary = "Rotate the secret", description = "The new secret is shown once; the previous one still "
            + "signs for `windowSeconds` (1 to 86 400, default 86 400).")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @PostMapping("/{webhookId}/secret-rotations")
    RotatedSecret rotateSecret(@PathVariable UUID webhookId, @Valid @RequestBody(required = false) RotationRequest request) {
        managed(webhookId);
        Duration window = Duration.ofSeconds(request == null || request.windowSeconds() == null
                ? LONGEST_ROTATION_WINDOW_SECONDS : request.windowSeconds());
        String secret = WebhookSignature.newSecret();
        Instant previousUntil = clock.instant().plus(window).truncatedTo(ChronoUnit.MILLIS); // as MongoDB keeps it
        subscriptions.changeSecrets(webhookId, read -> secrets.rotated(read, secret, previousUntil))
                .orElseThrow(() -> new NotFoundException("No webhook " + webhookId));
        upkeep.rotated();
        return new RotatedSecret(webhookId, secret, previousUntil);
    }

    /** Ends a rotation window at once: the previous secret (leaked, or no longer used) neither signs nor is kept. */
    @Operation(summary = "Stop the previous secret now", description = "Not found when no previous secret signs.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @ApiResponse(responseCode = "204", description = "Only the new secret signs from now on")
    @DeleteMapping("/{webhookId}/previous-secret")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retirePreviousSecret(@PathVariable UUID webhookId) {
        if (previousSecretExpiry(managed(webhookId).secrets(), clock.instant()) == null) {
            throw new NotFoundException("Webhook " + webhookId + " has no previous secret that still signs");
        }
        subscriptions.changeSecrets(webhookId, read -> read.secrets().withoutPrevious());
    }

    @Operation(summary = "Unsubscribe", description = "With its deliveries.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @ApiResponse(responseCode = "204", description = "Unsubscribed")
    @DeleteMapping("/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unsubscribe(@PathVariable UUID webhookId) {
        Subscription subscription = managed(webhookId);
        subscriptions.remove(subscription.id());
        deliveries.removeAllOf(subscription.id());
    }

    /** The delivery log, newest first. */
    @Operation(summary = "The delivery log", description = "Newest first: each delivery's event, status "
            + "(`PENDING`, `DELIVERED`, `FAILED`) and latest attempts. Paged: `?offset=&limit=` (at most 1000, "
            + "default 100), with `X-Total-Count` and `Link: rel=\"next\"`.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @GetMapping("/{webhookId}/deliveries")
    ResponseEntity<List<DeliveryView>> deliveries(@PathVariable UUID webhookId,
                                                  @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int offset,
                                                  @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        Subscription subscription = managed(webhookId);
        return new Page(offset, limit).response(deliveries.of(subscription.id(), offset, limit).stream()
                .map(DeliveryView::of).toList(), deliveries.countOf(subscription.id()));
    }

    /** Sends a delivery again (failed, or to replay it), as soon as possible, with a fresh round of retries. */
    @Operation(operationId = "retryDelivery", summary = "Send a delivery again", description = "As soon as possible, with a fresh round of "
            + "retries.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = {Roles.PORTAL, Roles.ORGANISER, Roles.OPERATOR})
    @ApiResponse(responseCode = "202", description = "Pending again")
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/retry")
    ResponseEntity<RetryAccepted> retry(@PathVariable UUID webhookId, @PathVariable UUID deliveryId) {
        Subscription subscription = managed(webhookId);
        Delivery delivery = deliveries.find(deliveryId)
                .filter(found -> found.webhookId().equals(subscription.id()))
                .orElseThrow(() -> new NotFoundException("No delivery " + deliveryId + " of this webhook"));
        deliveries.retry(delivery, clock.instant());
        dispatcher.newDeliveries();
        return ResponseEntity.accepted().body(new RetryAccepted(delivery.id(), Delivery.Status.PENDING.name()));
    }

    private static Instant previousSecretExpiry(SigningSecrets stored, Instant now) {
        return stored.previousSignsAt(now) ? stored.previousUntil() : null;
    }

    private Subscription managed(UUID webhookId) {
        SubscriptionOwner owner = owner();
        return subscriptions.find(webhookId).filter(owner::manages)
                .orElseThrow(() -> new NotFoundException("No webhook " + webhookId));
    }

    private static SubscriptionOwner owner() {
        return SubscriptionOwner.of(Viewer.current())
                .orElseThrow(() -> new AccessDeniedException("Only the portal, organisers and operators subscribe"));
    }

    private URI acceptableUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException malformed) {
            throw new InvalidRequestException(List.of(new FieldProblem("url", "is not a valid URL")));
        }
        Optional<String> refusal = url.isAbsolute() ? guard.refusal(url) : Optional.of("must be an absolute URL");
        refusal.ifPresent(reason -> {
            throw new InvalidRequestException(List.of(new FieldProblem("url", reason)));
        });
        return url;
    }

    private static Set<String> knownEvents(List<String> events) {
        List<FieldProblem> unknown = IntStream.range(0, events.size())
                .filter(index -> !WebhookEventNames.ALL.contains(events.get(index)))
                .mapToObj(index -> new FieldProblem("events[" + index + "]",
                        "must be one of " + new TreeSet<>(WebhookEventNames.ALL)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(new ArrayList<>(unknown));
        }
        return Set.copyOf(events);
    }
}
