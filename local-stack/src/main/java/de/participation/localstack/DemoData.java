package de.participation.localstack;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Demo meetings like those of DOMAIN.md (dates moved into the coming months so that registration is
 * open), with some registrations. Every id is derived from a fixed name, so loading again finds
 * everything present and changes nothing: the commands are idempotent.
 */
public final class DemoData {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private record Demo(String key, String title, String description, String location, int inDays, int hour,
                        int capacity, int registrations) {
    }

    private static final Demo[] MEETINGS = {
            new Demo("regionen-workshop-1", "1. Regionen-Workshop",
                    "Digitalisierung in den Regionen: Auftakt der Workshop-Reihe", "Meißen", 30, 10, 40, 12),
            new Demo("regionen-workshop-2", "Regionen-Workshop: Mobilität und Modelle für Coworking-Spaces im ländlichen Raum",
                    "Wie Coworking-Spaces und neue Mobilität den ländlichen Raum stärken", "Meißen", 45, 10, 12, 15),
            new Demo("forum-sachsen-digital", "forum sachsen digital",
                    "Jahreskonferenz zur Digitalisierung in Sachsen", "Leipzig", 70, 9, 300, 25),
            new Demo("anhoerung-breitband", "Öffentliche Anhörung: Breitbandausbau im Landkreis",
                    "Bürgerinnen und Bürger können Fragen und Hinweise einbringen", "Dresden", 20, 18, 25, 0),
    };

    private static final String[] NAMES = {"Erika Mustermann", "Max Mustermann", "Jonas Schmidt", "Lea Weber",
            "Anna Fischer", "Paul Wagner", "Marie Becker", "Felix Hoffmann", "Sophie Schulz", "Lukas Koch"};
    private static final String[] ORGANISATIONS = {"Gemeinde Musterdorf", "Stadt Meißen", "Landkreis Leipzig", null};

    /** The organisation (the Saxon ministry of economics) whose organisers run the demo meetings. */
    static final String ORGANISATION = "SMWA";

    private DemoData() {
    }

    static void load(String commandServiceUrl, LocalIssuer issuer) {
        JsonHttp commands = new JsonHttp(commandServiceUrl);
        String organiser = issuer.token("organiser", ORGANISATION);
        String portal = issuer.token("portal", null);
        for (Demo demo : MEETINGS) {
            UUID meetingId = id("meeting/" + demo.key());
            ZonedDateTime startsAt = LocalDate.now(BERLIN).plusDays(demo.inDays()).atTime(demo.hour(), 0).atZone(BERLIN);
            post(commands, organiser, "/api/v1/meetings", """
                    {"meetingId": "%s", "title": "%s", "description": "%s", "location": "%s",
                     "startsAt": "%s", "endsAt": "%s", "capacity": %d, "waitingList": {"enabled": true, "limit": 0}}"""
                    .formatted(meetingId, demo.title(), demo.description(), demo.location(),
                            startsAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                            startsAt.plusHours(6).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), demo.capacity()));
            for (int i = 0; i < demo.registrations(); i++) {
                String name = nameOf(i);
                String email = emailOf(name);
                String organisation = ORGANISATIONS[i % ORGANISATIONS.length];
                post(commands, portal, "/api/v1/meetings/" + meetingId + "/registrations", """
                        {"registrationId": "%s", "participant": {"name": "%s", "email": "%s"%s},
                         "joinWaitingListIfFull": true}"""
                        .formatted(id("registration/" + demo.key() + "/" + i), name, email,
                                organisation == null ? "" : ", \"organisation\": \"" + organisation + "\""));
            }
        }
    }

    /**
     * The names and email addresses of the demo participants: personal data, which no log line
     * may show (a test scans the logs of the demo story for them).
     */
    public static List<String> participantNamesAndEmails() {
        int most = Arrays.stream(MEETINGS).mapToInt(Demo::registrations).max().orElse(0);
        return IntStream.range(0, most).mapToObj(DemoData::nameOf)
                .flatMap(name -> List.of(name, emailOf(name)).stream()).toList();
    }

    /** The {@code i}th participant of a demo meeting: the names in turn, numbered from their second round on. */
    private static String nameOf(int i) {
        return NAMES[i % NAMES.length] + (i < NAMES.length ? "" : " " + (i / NAMES.length + 1));
    }

    private static String emailOf(String name) {
        return name.toLowerCase().replace(' ', '.').replace("ö", "oe") + "@example.org";
    }

    /** Idempotent commands answer 201 the first time and 200 after that; anything else is a failure. */
    private static void post(JsonHttp commands, String token, String path, String json) {
        JsonHttp.Response response = commands.post(path, json, "Authorization", "Bearer " + token);
        if (response.status() != 200 && response.status() != 201) {
            throw new IllegalStateException("Demo data refused at " + path + ": " + response.body());
        }
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("participation-demo/" + name).getBytes(StandardCharsets.UTF_8));
    }
}
