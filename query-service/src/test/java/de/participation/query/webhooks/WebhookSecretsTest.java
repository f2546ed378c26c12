package de.participation.query.webhooks;

import de.participation.localstack.LocalWebhookReceiver.Received;
import de.participation.web.keys.KeyEncryptionKeyFile;
import de.participation.web.keys.WrappedKeyMismatchException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretsTest {

    private static final String FIRST_KEK = KeyEncryptionKeyFile.newEntry("webhooks-1");
    private static final String SECOND_KEK = KeyEncryptionKeyFile.newEntry("webhooks-2");
    private static final Instant NOW = Instant.parse("2030-05-20T08:00:00Z");
    private static final String BODY = "{\"type\":\"de.participation.meeting.ParticipantRegistered\"}";

    private final WebhookSecrets secrets = new WebhookSecrets(KeyEncryptionKeyFile.of(FIRST_KEK));

    @Test
    void aSealedSecretSignsAsTheReceiverVerifiesButOnlyForItsOwnSubscription() {
        String secret = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        Subscription own = subscription(id, secrets.sealed(id, secret));

        assertThat(own.secrets().current().kekId()).isEqualTo("webhooks-1");
        assertThat(delivery(secrets, own, NOW).signedWith(secret)).isTrue();
        assertThat(delivery(secrets, own, NOW).signature()).doesNotContain(" ");
        Subscription moved = subscription(UUID.randomUUID(), own.secrets());
        assertThatThrownBy(() -> delivery(secrets, moved, NOW)).as("copied onto another subscription")
                .isInstanceOf(WrappedKeyMismatchException.class);
    }

    @Test
    void aSecretStoredInClearIsSealedOnceAndThenLeftAsItIs() {
        String secret = WebhookSignature.newSecret();
        Subscription legacy = subscription(UUID.randomUUID(), new SigningSecrets(null, secret, null, null, 0));

        SigningSecrets sealed = secrets.tidied(legacy, NOW).orElseThrow();

        assertThat(sealed.inClear()).isNull();
        assertThat(sealed.current().kekId()).isEqualTo("webhooks-1");
        Subscription tidy = subscription(legacy.id(), sealed);
        assertThat(delivery(secrets, tidy, NOW).signedWith(secret)).isTrue();
        assertThat(secrets.tidied(tidy, NOW)).as("a second pass").isEmpty();
    }

    @Test
    void aNewKekRewrapsTheSecretsSoThatTheOldKekCanBeDestroyed() {
        String secret = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        Subscription underFirst = subscription(id, secrets.rotated(subscription(id, secrets.sealed(id, previous)),
                secret, NOW.plusSeconds(60)));
        WebhookSecrets withSecond = new WebhookSecrets(KeyEncryptionKeyFile.of(FIRST_KEK + "\n" + SECOND_KEK));

        SigningSecrets rewrapped = withSecond.tidied(underFirst, NOW).orElseThrow();

        assertThat(rewrapped.current().kekId()).isEqualTo("webhooks-2");
        assertThat(rewrapped.previous().kekId()).isEqualTo("webhooks-2");
        WebhookSecrets secondOnly = new WebhookSecrets(KeyEncryptionKeyFile.of(SECOND_KEK));
        Received delivery = delivery(secondOnly, subscription(id, rewrapped), NOW);
        assertThat(delivery.signedWith(secret)).isTrue();
        assertThat(delivery.signedWith(previous)).isTrue();
    }

    @Test
    void duringTheRotationWindowBothSecretsSignTheNewFirstAndAfterItOnlyTheNewWhileTheOldIsDropped() {
        String old = WebhookSignature.newSecret();
        String renewed = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        Subscription rotated = subscription(id, secrets.rotated(subscription(id, secrets.sealed(id, old)), renewed,
                NOW.plusSeconds(60)));

        String[] during = delivery(secrets, rotated, NOW.plusSeconds(59)).signature().split(" ");
        assertThat(during).hasSize(2);
        assertThat(received(NOW.plusSeconds(59), during[0]).signedWith(renewed)).isTrue();
        assertThat(received(NOW.plusSeconds(59), during[1]).signedWith(old)).isTrue();
        assertThat(secrets.tidied(rotated, NOW.plusSeconds(59))).as("kept during the window").isEmpty();

        Received after = delivery(secrets, rotated, NOW.plusSeconds(60));
        assertThat(after.signature()).doesNotContain(" ");
        assertThat(after.signedWith(renewed)).isTrue();
        assertThat(after.signedWith(old)).isFalse();
        SigningSecrets dropped = secrets.tidied(rotated, NOW.plusSeconds(60)).orElseThrow();
        assertThat(dropped.previous()).isNull();
        assertThat(delivery(secrets, subscription(id, dropped), NOW.plusSeconds(60)).signedWith(renewed)).isTrue();
    }

    private static Subscription subscription(UUID id, SigningSecrets signing) {
        return new Subscription(id, "https://example.org/hook", Set.of("registration.confirmed"), null,
                new SubscriptionOwner(SubscriptionOwner.Kind.PORTAL, null), signing, NOW.minusSeconds(3600));
    }

    /** A delivery sent at {@code at}, as the receiver gets it. */
    private static Received delivery(WebhookSecrets secrets, Subscription subscription, Instant at) {
        return received(at, secrets.signatureHeader(subscription, "delivery-1", at.getEpochSecond(), BODY));
    }

    private static Received received(Instant at, String signature) {
        return new Received("delivery-1", Long.toString(at.getEpochSecond()), signature, "application/json", BODY);
    }
}
