package de.participation.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation's links lead somewhere: every relative link and image in {@code README.md} and
 * {@code docs/**.md} names a file or directory of the repository, and every {@code #anchor} a heading of the
 * Markdown file it points at (GitHub's slugs). Links in fenced code blocks, code spans and HTML comments are not
 * links; {@code http:}, {@code https:} and {@code mailto:} targets are not checked. And the README stays what a
 * newcomer reads in ten minutes.
 */
class DocumentationLinksTest {

    private static final int README_MAX_LINES = 260;

    private static final Path ROOT = repositoryRoot();

    /** {@code [text](target)} and {@code ![alt](target)}, the text possibly over several lines, an optional title. */
    private static final Pattern LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`(?:[^`\n]|\n(?!\n))*`");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private final Map<Path, Set<String>> slugsByFile = new HashMap<>();

    /** README.md and every Markdown file under docs/, relative to the repository's root. */
    static Stream<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().map(ROOT::relativize).forEach(documents::add);
        }
        return documents.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyLinkLeadsToAFileAndEveryAnchorToAHeading(Path relative) {
        Path document = ROOT.resolve(relative);
        String text = blank(CODE_SPAN, withoutCodeBlocks(read(document)));
        List<String> broken = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                continue;
            }
            String where = "%s:%d: link '%s'".formatted(relative, lineOf(text, link.start()), target);
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path file = path.isEmpty() ? document
                    : (path.startsWith("/") ? ROOT.resolve(path.substring(1)) : document.getParent().resolve(path))
                            .normalize();
            if (!Files.exists(file)) {
                broken.add(where + ": no file or directory " + ROOT.relativize(file));
            } else if (anchor != null && file.toString().endsWith(".md") && !slugs(file).contains(anchor)) {
                broken.add(where + ": no heading with the slug '" + anchor + "' in " + ROOT.relativize(file));
            }
        }
        assertThat(broken).as("broken links in %s", relative).isEmpty();
    }

    @Test
    void theReadmeIsWhatANewcomerReadsInTenMinutes() {
        long lines = read(ROOT.resolve("README.md")).lines().count();
        assertThat(lines)
                .as("README.md has %d lines; keep it to at most %d and move the rest to a page under docs/",
                        lines, README_MAX_LINES)
                .isLessThanOrEqualTo(README_MAX_LINES);
    }

    /** The anchors GitHub gives the headings of a Markdown file. */
    private Set<String> slugs(Path file) {
        return slugsByFile.computeIfAbsent(file, f -> {
            Set<String> slugs = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : withoutCodeBlocks(read(f)).split("\n", -1)) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int earlier = seen.merge(slug, 1, Integer::sum) - 1;
                    slugs.add(earlier == 0 ? slug : slug + "-" + earlier);
                }
            }
            return slugs;
        });
    }

    /** GitHub's slug: the heading's text lower-cased, punctuation but '-' and '_' dropped, spaces as '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // a link counts by its text
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** The text with fenced code blocks and HTML comments blanked, lines kept where they were. */
    private static String withoutCodeBlocks(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            boolean fence = FENCE.matcher(line).find();
            out.append(fenced || fence ? "" : line).append('\n');
            if (fence) {
                fenced = !fenced;
            }
        }
        return blank(COMMENT, out.toString());
    }

    private static String blank(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("[^\n]", " ")));
    }

    private static int lineOf(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tests run in the module's directory; the repository's root is the nearest one above with {@code mvnw}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with mvnw and README.md above " + Path.of("").toAbsolutePath());
    }
}
