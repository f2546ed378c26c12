package de.participation.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the HTTP contract (the copy of the shared API.md in docs/contract/) names, read from its prose: each
 * operation (method and path, in the service its section is about) with the statuses, error codes and query
 * parameters said of it; the statuses and codes said of no operation; the enum values (quoted, as in
 * {@code "status": "CONFIRMED" | "WAITLISTED"}, or a parameter's, as in {@code ?status=CONFIRMED|WAITLISTED}) and
 * the webhook event names.
 * A status, code or parameter belongs to the operations named since the last status before it, so that
 * "{@code POST …/close} and {@code …/open} → {@code 200}" gives both a 200, and a code counts as an error code
 * when its sentence speaks of a code.
 */
final class ApiContract {

    static final Path ROOT = DocumentationLinksTest.repositoryRoot();

    record Operation(String service, String method, String path, Set<String> statuses, Set<String> codes,
                     Set<String> parameters) {

        @Override
        public String toString() {
            return method + " " + path + " (" + service + ")";
        }
    }

    private static final Pattern HEADING = Pattern.compile("^(#+)\\s+(.*)$");
    private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern QUOTED_VALUE = Pattern.compile("\"([A-Z][A-Z_]+)\"");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern OPERATION = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH) (\\S+)");
    private static final Pattern SAME_PATH = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH)$");
    private static final Pattern STATUS = Pattern.compile("^([1-5]\\d\\d)\\b");
    private static final Pattern UPPER = Pattern.compile("^[A-Z][A-Z_]*[A-Z]$");
    private static final Pattern EVENT_NAME = Pattern.compile("^[a-z-]+\\.[a-z-]+$");
    private static final Pattern QUERY_PARAMETER = Pattern.compile("[?&]([A-Za-z]+)=");
    private static final Pattern PARAMETER_VALUES = Pattern.compile("[?&][A-Za-z]+=([A-Z_]+(?:\\|[A-Z_]+)+)");

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    final Set<String> statuses = new LinkedHashSet<>();
    final Set<String> codes = new LinkedHashSet<>();
    final Set<String> enumValues = new LinkedHashSet<>();
    final Set<String> eventNames = new LinkedHashSet<>();

    /** Reads {@code file}, leaving out each section (with its subsections) whose heading is in {@code skipped}. */
    static ApiContract read(Path file, Set<String> skipped) {
        ApiContract contract = new ApiContract();
        Sections.of(file, skipped).forEach(contract::readSection);
        return contract;
    }

    List<Operation> operations() {
        return List.copyOf(operations.values());
    }

    private void readSection(Sections.Section section) {
        String previousPath = null;
        for (String block : section.text().split("\\n\\s*\\n|\\n(?=- )")) {
            Matcher quoted = QUOTED_VALUE.matcher(block);
            while (quoted.find()) {
                enumValues.add(quoted.group(1));
            }
            String prose = FENCE.matcher(block).replaceAll(" ");
            List<Operation> pending = new ArrayList<>();
            List<Operation> current = new ArrayList<>();
            String previousMethod = null;
            Matcher span = SPAN.matcher(prose);
            while (span.find()) {
                String text = span.group(1).trim();
                Matcher operation = OPERATION.matcher(text);
                String method = null;
                String path = null;
                if (operation.find()) {
                    method = operation.group(1);
                    path = operation.group(2);
                } else if (SAME_PATH.matcher(text).matches()
                        && prose.startsWith(" on the same path", span.end())) {
                    method = text;
                    path = previousPath;
                } else if (text.startsWith("…/") && previousMethod != null) {
                    method = previousMethod;
                    path = text;
                }
                Matcher values = PARAMETER_VALUES.matcher(text);
                while (values.find()) {
                    enumValues.addAll(List.of(values.group(1).split("\\|")));
                }
                if (method != null) {
                    String resolved = resolve(path, previousPath);
                    Operation named = operation(section.service(), method, resolved);
                    parametersOf(path).forEach(named.parameters()::add);
                    if (!current.isEmpty()) {
                        current = new ArrayList<>();
                    }
                    pending.add(named);
                    previousPath = resolved;
                    previousMethod = method;
                    continue;
                }
                if (!pending.isEmpty()) {
                    current = pending;
                    pending = new ArrayList<>();
                }
                Matcher status = STATUS.matcher(text);
                if (status.find()) {
                    String code = status.group(1);
                    if (current.isEmpty()) {
                        statuses.add(code);
                    }
                    current.forEach(named -> named.statuses().add(code));
                } else if (text.startsWith("?")) {
                    List<Operation> about = current.isEmpty() ? pending : current;
                    parametersOf(text).forEach(parameter -> about.forEach(named -> named.parameters().add(parameter)));
                } else if (UPPER.matcher(text).matches() && sentenceBefore(prose, span.start()).contains("code")) {
                    if (current.isEmpty()) {
                        codes.add(text);
                    }
                    current.forEach(named -> named.codes().add(text));
                } else if (EVENT_NAME.matcher(text).matches()) {
                    eventNames.add(text);
                }
            }
        }
    }

    private Operation operation(String service, String method, String path) {
        return operations.computeIfAbsent(method + " " + path + " " + service, key -> new Operation(service, method,
                path, new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>()));
    }

    /**
     * A path as the contract writes it, without its query; "…/x/y" continues the previous path where it has a
     * segment x, else replaces its last segment ("…/registrations.csv" after ".../registrations").
     */
    static String resolve(String path, String previous) {
        String bare = path.replaceFirst("\\?.*", "");
        if (!bare.startsWith("…/")) {
            return bare;
        }
        if (previous == null) {
            throw new IllegalStateException("'" + path + "' continues no path named before it");
        }
        String rest = bare.substring(1);
        String first = rest.split("/")[1];
        int at = (previous + "/").lastIndexOf("/" + first + "/");
        return at >= 0 ? previous.substring(0, at) + rest : previous.substring(0, previous.lastIndexOf('/')) + rest;
    }

    private static List<String> parametersOf(String text) {
        List<String> parameters = new ArrayList<>();
        Matcher parameter = QUERY_PARAMETER.matcher(text);
        while (parameter.find()) {
            parameters.add(parameter.group(1));
        }
        return parameters;
    }

    private static String sentenceBefore(String prose, int end) {
        int start = Math.max(prose.lastIndexOf(". ", end), prose.lastIndexOf(".\n", end));
        return prose.substring(Math.max(0, start), end);
    }

    /** The contract's sections, each with the service it is about: the one its heading, or the last heading, names. */
    static final class Sections {

        record Section(String service, String text) {
        }

        static List<Section> of(Path file, Set<String> skipped) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Section> sections = new ArrayList<>();
            String service = null;
            int skippingBelow = 0;
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    sections.add(new Section(service, text.toString()));
                    text.setLength(0);
                    int level = heading.group(1).length();
                    if (skippingBelow > 0 && level <= skippingBelow) {
                        skippingBelow = 0;
                    }
                    if (skipped.contains(heading.group(2).trim())) {
                        skippingBelow = level;
                    }
                    service = heading.group(2).contains("Command service") ? "command-service"
                            : heading.group(2).contains("Query service") ? "query-service" : service;
                    continue;
                }
                if (skippingBelow == 0) {
                    text.append(line).append('\n');
                }
            }
            sections.add(new Section(service, text.toString()));
            return sections;
        }
    }
}
