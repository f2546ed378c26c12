package de.participation.command.web;

import de.participation.web.FieldProblem;

import java.util.List;

/** Input that passed parsing but breaks a rule spanning fields or headers: answered with 400. */
class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    InvalidRequestException(List<FieldProblem> problems) {
        super(problems.toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
