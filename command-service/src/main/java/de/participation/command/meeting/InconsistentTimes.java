package de.participation.command.meeting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Times that would contradict each other: invalid input, with the fields at fault. */
public class InconsistentTimes extends MeetingRuleViolation {

    private final transient Map<String, String> problems = new LinkedHashMap<>();

    InconsistentTimes(List<MeetingTimes.Problem> problems) {
        super(Rejection.INCONSISTENT_TIMES, problems.stream().map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; ")));
        problems.forEach(problem -> this.problems.put(problem.field(), problem.message()));
    }

    /** What is wrong with each field at fault. */
    public Map<String, String> problems() {
        return Collections.unmodifiableMap(problems);
    }
}
