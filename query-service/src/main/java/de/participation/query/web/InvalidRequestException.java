package de.participation.query.web;

import de.participation.web.FieldProblem;

import java.util.List;

/** A request whose fields are well-formed but not acceptable: answered with 400 VALIDATION_FAILED naming them. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
