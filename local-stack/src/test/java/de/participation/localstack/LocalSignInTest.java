package de.participation.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded stack's sign-in: the code flow with PKCE, and nothing else. */
class LocalSignInTest {

    private static final String REDIRECT = "http://localhost:8082/dashboard";
    private static final String VERIFIER = "a-verifier-of-the-dashboard-that-is-long-enough-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalIssuer issuer = LocalIssuer.in(temporaryDirectory());
    private final LocalSignIn signIn = LocalSignIn.start(issuer, 0, REDIRECT);

    @AfterEach
    void stop() {
        signIn.close();
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private String authorizeQuery(String redirect) throws Exception {
        return "response_type=code&client_id=participation-tools&redirect_uri=" + encode(redirect)
                + "&state=xyz&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256";
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in as an organiser of SMWA and returns the code from the redirect. */
    private String code() throws Exception {
        HttpResponse<String> redirect = post(signIn.authorizationEndpoint() + "?" + authorizeQuery(REDIRECT),
                "role=organiser&organisation=SMWA");
        assertThat(redirect.statusCode()).isEqualTo(303);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=xyz");
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        return post(signIn.tokenEndpoint(), "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + encode(REDIRECT) + "&client_id=participation-tools&code_verifier=" + verifier);
    }

    @Test
    void theSignInPageAsksForRoleAndOrganisation() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(
                URI.create(signIn.authorizationEndpoint() + "?" + authorizeQuery(REDIRECT))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"role\"", "name=\"organisation\"");
    }

    @Test
    void aCodeWithItsVerifierGivesAnOrganiserTokenOnce() throws Exception {
        String code = code();

        HttpResponse<String> token = exchange(code, VERIFIER);

        assertThat(token.statusCode()).isEqualTo(200);
        String jwt = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"organisation\":\"SMWA\"", "\"roles\":[\"organiser\"]");
        assertThat(exchange(code, VERIFIER).statusCode()).as("a code is used once").isEqualTo(400);
    }

    @Test
    void aCodeWithAnotherVerifierIsRefused() throws Exception {
        assertThat(exchange(code(), "someone-elses-verifier-0123456789-0123456789").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheDashboardsAddressIsRedirectedTo() throws Exception {
        HttpResponse<String> elsewhere = post(signIn.authorizationEndpoint() + "?" + authorizeQuery("https://evil.example/"),
                "role=organiser&organisation=SMWA");

        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
    }

    /** Signs in through the form and returns the session cookie the browser would keep. */
    private String sessionCookie() throws Exception {
        HttpResponse<String> signedIn = post(signIn.authorizationEndpoint() + "?" + authorizeQuery(REDIRECT),
                "role=organiser&organisation=SMWA");
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authorizeSilently(String cookie) throws Exception {
        return get(signIn.authorizationEndpoint() + "?" + authorizeQuery(REDIRECT) + "&prompt=none", cookie);
    }

    @Test
    void aBrowserWithASessionIsSignedInAgainWithoutBeingAsked() throws Exception {
        HttpResponse<String> again = authorizeSilently(sessionCookie());

        assertThat(again.statusCode()).isEqualTo(303);
        String location = again.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=xyz");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        assertThat(exchange(code, VERIFIER).body()).contains("access_token");
    }

    @Test
    void withoutASessionASilentSignInAnswersLoginRequired() throws Exception {
        HttpResponse<String> answer = authorizeSilently("local_sign_in_session=made-up");

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue(REDIRECT + "?error=login_required&state=xyz");
    }

    @Test
    void promptLoginAsksAgainDespiteTheSession() throws Exception {
        HttpResponse<String> page = get(signIn.authorizationEndpoint() + "?" + authorizeQuery(REDIRECT) + "&prompt=login",
                sessionCookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"role\"");
    }

    @Test
    void signingOutEndsTheSessionAndReturnsOnlyToTheDashboard() throws Exception {
        String cookie = sessionCookie();
        HttpResponse<String> elsewhere = get(signIn.endSessionEndpoint() + "?post_logout_redirect_uri="
                + encode("https://evil.example/"), "x=y");
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> signedOut = get(signIn.endSessionEndpoint() + "?client_id=participation-tools"
                + "&post_logout_redirect_uri=" + encode(REDIRECT), cookie);

        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValue(REDIRECT);
        assertThat(authorizeSilently(cookie).headers().firstValue("Location"))
                .hasValue(REDIRECT + "?error=login_required&state=xyz");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sign-in-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
