package de.participation.web.openapi;

/** One problem an operation may answer: the HTTP status, its {@code code} and when it is answered. */
public record ProblemCase(int status, String code, String when) {
}
