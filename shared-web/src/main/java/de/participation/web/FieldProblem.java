package de.participation.web;

/** One invalid input field (or parameter, or header) and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
