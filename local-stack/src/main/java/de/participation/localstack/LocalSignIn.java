package de.participation.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in of the embedded stack's local issuer, so that the dashboard signs in as it would
 * against Keycloak: the OAuth 2.0 authorization code flow with PKCE (S256). {@code /authorize}
 * shows a form that asks for the role and organisation to act as (there are no passwords: it is
 * the developer's own machine), and {@code /token} exchanges a code once for an access token of
 * the {@link LocalIssuer}. Only redirects back to the one allowed address are made. Never part of
 * docker-compose or production, like the issuer itself.
 *
 * <p>Like Keycloak, it keeps a session in an HttpOnly cookie, so that the dashboard, which holds
 * its token in memory only, signs in again after a reload without asking: {@code prompt=none}
 * answers with a code through the session or with {@code login_required}, {@code prompt=login}
 * asks again, and {@code /logout} (OpenID Connect RP-initiated logout) ends the session.
 */
public final class LocalSignIn implements AutoCloseable {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    /** Keycloak's default "SSO Session Max". */
    private static final Duration SESSION_LIFETIME = Duration.ofHours(10);
    private static final String SESSION_COOKIE = "local_sign_in_session";
    private static final List<String> ROLES = List.of("organiser", "operator");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Grant(String role, String organisation, String challenge, String redirectUri, Instant expires) {
    }

    /** Who signed in in a browser, and until when that browser needs not ask again. */
    private record Session(String role, String organisation, Instant expires) {
    }

    private final HttpServer server;
    private final LocalIssuer issuer;
    private final String allowedRedirect;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private LocalSignIn(HttpServer server, LocalIssuer issuer, String allowedRedirect) {
        this.server = server;
        this.issuer = issuer;
        this.allowedRedirect = allowedRedirect;
    }

    /**
     * Serves sign-in on {@code port} (0: any free one) for a client whose redirect URI is
     * {@code allowedRedirect}.
     */
    public static LocalSignIn start(LocalIssuer issuer, int port, String allowedRedirect) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            LocalSignIn signIn = new LocalSignIn(server, issuer, allowedRedirect);
            server.createContext("/authorize", signIn::authorize);
            server.createContext("/token", signIn::token);
            server.createContext("/logout", signIn::logout);
            server.start();
            return signIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String authorizationEndpoint() {
        return baseUrl() + "/authorize";
    }

    public String tokenEndpoint() {
        return baseUrl() + "/token";
    }

    public String endSessionEndpoint() {
        return baseUrl() + "/logout";
    }

    private String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!allowedRedirect.equals(query.get("redirect_uri")) || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            respond(exchange, 400, "text/plain", "This sign-in accepts only the dashboard's code flow with PKCE (S256)");
            return;
        }
        if (exchange.getRequestMethod().equals("GET")) {
            Session session = sessionOf(exchange);
            String prompt = query.getOrDefault("prompt", "");
            if (session != null && !prompt.equals("login")) {
                redirectWithCode(exchange, query, session);
            } else if (prompt.equals("none")) {
                redirect(exchange, query, "error=login_required");
            } else {
                respond(exchange, 200, "text/html; charset=utf-8", signInPage(exchange.getRequestURI().getRawQuery()));
            }
            return;
        }
        Map<String, String> choice = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String role = choice.getOrDefault("role", "");
        String organisation = choice.getOrDefault("organisation", "").trim();
        if (!ROLES.contains(role) || (role.equals("organiser") && organisation.isEmpty())) {
            respond(exchange, 400, "text/plain", "Choose a role, and an organisation for an organiser");
            return;
        }
        Session session = new Session(role, role.equals("organiser") ? organisation : null,
                Instant.now().plus(SESSION_LIFETIME));
        String sessionId = randomToken();
        sessions.values().removeIf(earlier -> earlier.expires().isBefore(Instant.now()));
        sessions.put(sessionId, session);
        exchange.getResponseHeaders().set("Set-Cookie", SESSION_COOKIE + "=" + sessionId
                + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + SESSION_LIFETIME.toSeconds());
        redirectWithCode(exchange, query, session);
    }

    private void redirectWithCode(HttpExchange exchange, Map<String, String> query, Session session) throws IOException {
        String code = randomToken();
        codes.put(code, new Grant(session.role(), session.organisation(), query.get("code_challenge"),
                query.get("redirect_uri"), Instant.now().plus(CODE_LIFETIME)));
        redirect(exchange, query, "code=" + code);
    }

    /** Back to the (checked) redirect URI with the answer and the client's state. */
    private static void redirect(HttpExchange exchange, Map<String, String> query, String answer) throws IOException {
        String state = query.get("state") == null ? "" : "&state=" + encode(query.get("state"));
        exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?" + answer + state);
        respond(exchange, 303, "text/plain", "");
    }

    /** The browser's live session, if its cookie names one. */
    private Session sessionOf(HttpExchange exchange) {
        Session session = sessions.get(sessionCookie(exchange));
        return session == null || session.expires().isBefore(Instant.now()) ? null : session;
    }

    private static String sessionCookie(HttpExchange exchange) {
        return exchange.getRequestHeaders().getOrDefault("Cookie", List.of()).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::trim)
                .filter(cookie -> cookie.startsWith(SESSION_COOKIE + "="))
                .map(cookie -> cookie.substring(SESSION_COOKIE.length() + 1))
                .findFirst().orElse("");
    }

    /** Ends the browser's session; back to the dashboard only if that is where it asks to go. */
    private void logout(HttpExchange exchange) throws IOException {
        sessions.remove(sessionCookie(exchange));
        exchange.getResponseHeaders().set("Set-Cookie", SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        String back = form(exchange.getRequestURI().getRawQuery()).get("post_logout_redirect_uri");
        if (allowedRedirect.equals(back)) {
            exchange.getResponseHeaders().set("Location", back);
            respond(exchange, 303, "text/plain", "");
        } else {
            respond(exchange, 200, "text/plain; charset=utf-8", "Abgemeldet.");
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", URI.create(allowedRedirect).resolve("/")
                .toString().replaceAll("/$", ""));
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
            respond(exchange, 204, "text/plain", "");
            return;
        }
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(request.getOrDefault("code", ""));
        if (grant == null || grant.expires().isBefore(Instant.now())
                || !grant.redirectUri().equals(request.get("redirect_uri"))
                || !grant.challenge().equals(challengeOf(request.getOrDefault("code_verifier", "")))) {
            respond(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        String token = issuer.token(grant.role(), grant.organisation());
        respond(exchange, 200, "application/json", "{\"access_token\":\"" + token
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + LocalIssuer.LIFETIME.toSeconds() + "}");
    }

    private static String signInPage(String rawQuery) {
        return """
                <!doctype html>
                <html lang="de"><head><meta charset="utf-8"><title>Anmelden – lokaler Aussteller</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
                label{display:block;margin-top:1rem}input,select,button{font:inherit;padding:.4rem;margin-top:.25rem}
                button{background:#0b5394;color:#fff;border:0;border-radius:4px;padding:.5rem 1.2rem;margin-top:1.5rem}
                button:focus,input:focus,select:focus{outline:3px solid #f1a208}</style></head>
                <body><main><h1>Anmelden</h1>
                <p>Lokaler Aussteller der eingebetteten Umgebung: wählen Sie, als wer Sie das Dashboard öffnen.</p>
                <form method="post" action="/authorize?%s">
                <label for="role">Rolle</label>
                <select id="role" name="role"><option value="organiser">Organisator</option>
                <option value="operator">Betrieb</option></select>
                <label for="organisation">Organisation (für Organisatoren)</label>
                <input id="organisation" name="organisation" value="SMWA" autocomplete="organization">
                <button type="submit" id="sign-in">Anmelden</button>
                </form></main></body></html>""".formatted(rawQuery.replace("&", "&amp;").replace("\"", "%22")
                .replace("<", "%3C").replace(">", "%3E"));
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
