package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.kafka.Topics;
import de.participation.localstack.JsonHttp.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The organisers' dashboard in a real headless Chromium (Debian's chromium and chromium-driver)
 * against the running system: it signs in through the local issuer's sign-in page, shows the
 * meetings, and follows registrations made through the command API live, without a reload; an
 * organiser runs a meeting from it (each action read back through the query API), and axe-core finds
 * no violation of WCAG 2.1 A and AA on any of its pages. Every test signs in for itself.
 */
class DashboardBrowserIT {

    private static final Duration LIVE = Duration.ofSeconds(1);
    /** Installed by {@code npm ci} (exec-maven-plugin) before the integration tests. */
    private static final Path AXE = Path.of("src/test/a11y/node_modules/axe-core/axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSystem system;
    private static WebDriver browser;
    private static Path downloads;

    @BeforeAll
    static void start() throws IOException {
        system = new RunningSystem();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        // Headless and without Chromium's own network traffic, which this machine's closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("chromium-"));
        downloads = Files.createTempDirectory("downloads-");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Signed out, in German, without the issuer's session: the next test starts as a new user would. */
    @AfterEach
    void signOut() {
        browser.get(system.dashboardUrl());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
        // the local sign-in's session cookie: cookies are not told apart by port
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        system.close();
    }

    private static UUID schedule(String title, int capacity) {
        UUID meetingId = UUID.randomUUID();
        Response response = system.organiserCommands().post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "%s", "location": "Chemnitz",
                 "startsAt": "2099-09-17T09:00:00+02:00", "capacity": %d}""".formatted(meetingId, title, capacity));
        assertThat(response.status()).isEqualTo(201);
        return meetingId;
    }

    /** A meeting that offers freed seats for 48 hours, groups in strict order. */
    private static UUID scheduleOffering(String title, int capacity) {
        UUID meetingId = UUID.randomUUID();
        Response response = system.organiserCommands().post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "%s", "location": "Chemnitz",
                 "startsAt": "2099-09-18T09:00:00+02:00", "capacity": %d,
                 "waitingList": {"enabled": true, "promotion": "OFFER", "groupPolicy": "STRICT_ORDER"}}"""
                .formatted(meetingId, title, capacity));
        assertThat(response.status()).isEqualTo(201);
        return meetingId;
    }

    private static UUID register(UUID meetingId, String name) {
        return register(meetingId, name, 1);
    }

    private static UUID register(UUID meetingId, String name, int seats) {
        UUID registrationId = UUID.randomUUID();
        Response response = system.portalCommands().post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "%s", "email": "%s@example.org",
                 "organisation": "Stadt Chemnitz"}, "seats": %d}""".formatted(registrationId, name,
                name.toLowerCase().replace(' ', '.'), seats));
        assertThat(response.status()).isEqualTo(201);
        return registrationId;
    }

    /** A wait on the live page, which redraws what it shows: an element replaced while read is read again. */
    private static WebDriverWait within(Duration duration) {
        WebDriverWait wait = new WebDriverWait(browser, duration, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Clicks an element of the live page, found again if it was redrawn just before the click. */
    private static void click(String cssSelector) {
        within(Duration.ofSeconds(5)).until(driver -> {
            driver.findElement(By.cssSelector(cssSelector)).click();
            return true;
        });
    }

    private static String text(String cssSelector) {
        return browser.findElement(By.cssSelector(cssSelector)).getText();
    }

    /** Signs in through the local issuer's sign-in page as an organiser of {@link RunningSystem#ORGANISATION}. */
    private static void signIn() {
        browser.get(system.dashboardUrl());
        within(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        within(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/authorize"));
        new Select(browser.findElement(By.id("role"))).selectByValue("organiser");
        browser.findElement(By.id("organisation")).clear();
        browser.findElement(By.id("organisation")).sendKeys(RunningSystem.ORGANISATION);
        browser.findElement(By.id("sign-in")).click();
        within(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    /** Signs in and opens the meeting's page, with its forms filled from the meeting. */
    private static void openMeeting(UUID meetingId) {
        signIn();
        browser.get(system.dashboardUrl() + "#/meetings/" + meetingId);
        within(Duration.ofSeconds(10)).until(driver -> driver.findElement(By.id("manage")).isDisplayed()
                && !driver.findElement(By.id("capacity-input")).getAttribute("value").isEmpty());
    }

    private static void type(String cssSelector, String text) {
        WebElement field = browser.findElement(By.cssSelector(cssSelector));
        field.clear();
        field.sendKeys(text);
    }

    /** Waits for the outcome of an action, in plain words. */
    private static String outcome(String id, String expected) {
        within(Duration.ofSeconds(5)).until(driver -> text("#" + id).contains(expected));
        return text("#" + id);
    }

    private static JsonNode meeting(UUID meetingId) {
        return system.queries().get("/api/v1/meetings/" + meetingId).body();
    }

    private static JsonNode registration(UUID registrationId) {
        return system.queries().get("/api/v1/registrations/" + registrationId).body();
    }

    @Test
    void anOrganiserSignsInAndWatchesRegistrationsArriveWithoutReloadingAndSeesOffersAndGroups() throws IOException {
        UUID meetingId = schedule("Bürgerdialog Innenstadt", 3);
        register(meetingId, "Erika Mustermann");

        signIn();

        String row = "tr[data-meeting-id='" + meetingId + "'] ";
        within(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.cssSelector(row + ".confirmed")).isEmpty()
                && text(row + ".confirmed").equals("1 / 3"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        register(meetingId, "Max Mustermann");
        within(LIVE).until(driver -> text(row + ".confirmed").equals("2 / 3"));

        click(row + "a");
        within(Duration.ofSeconds(5)).until(driver -> text("#figure-confirmed").equals("2"));
        register(meetingId, "Jonas Schmidt");
        register(meetingId, "Lea Weber");

        within(LIVE).until(driver -> text("#figure-confirmed").equals("3") && text("#figure-waitlisted").equals("1")
                && text("#figure-available").equals("0"));
        within(Duration.ofSeconds(5)).until(driver -> text("#waiting-list").contains("Lea Weber")
                && text("#feed").contains("Lea Weber"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        saveScreenshot("dashboard-meeting.png");

        browser.findElement(By.id("language")).click();
        within(Duration.ofSeconds(5)).until(driver -> text("#feed").contains("joined the waiting list"));
        browser.findElement(By.id("back")).click();
        within(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.cssSelector(row + ".confirmed")).isEmpty()
                && text(row + ".waitlisted").equals("1"));
        saveScreenshot("dashboard-overview.png");

        UUID offering = scheduleOffering("Werkstatt Verkehrswende", 2);
        UUID erika = register(offering, "Erika Mustermann", 2);
        register(offering, "Max Mustermann");
        register(offering, "Stadtwerke Chemnitz", 3);
        assertThat(system.portalCommands().post("/api/v1/meetings/" + offering + "/registrations/" + erika + "/cancel",
                null).status()).isEqualTo(200);
        String offeringLink = "tr[data-meeting-id='" + offering + "'] a";
        within(LIVE).until(driver -> !driver.findElements(By.cssSelector(offeringLink)).isEmpty());
        click(offeringLink);
        within(Duration.ofSeconds(5)).until(driver -> text("#figure-offered").equals("1")
                && text("#offers").contains("Max Mustermann – Stadt Chemnitz (1 seat) until")
                && text("#waiting-list").contains("Stadtwerke Chemnitz – Stadt Chemnitz (3 seats)"));
        saveScreenshot("dashboard-offers.png");

        click("#download");
        Path file = downloads.resolve("registrations-" + offering + ".csv");
        within(Duration.ofSeconds(10)).until(driver -> Files.exists(file) && read(file).contains("Max Mustermann"));
        assertThat(read(file)).startsWith("\uFEFFregistrationId,status,seats")
                .contains("Stadtwerke Chemnitz", "Erika Mustermann");
        within(Duration.ofSeconds(5)).until(driver -> text("#download-note").contains("downloaded"));
    }

    @Test
    void addingSeatsTellsWhoMovedUp() throws IOException {
        UUID meetingId = schedule("Stadtteilkonferenz Kaßberg", 1);
        register(meetingId, "Erika Mustermann");
        UUID max = register(meetingId, "Max Mustermann");
        openMeeting(meetingId);

        type("#capacity-input", "2");
        click("#capacity-form button");

        assertThat(outcome("outcome", "Nachgerückt")).isEqualTo(
                "Die Veranstaltung hat jetzt 2 Plätze. Nachgerückt: Max Mustermann – Stadt Chemnitz.");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meeting(meetingId).path("capacity").asInt()).isEqualTo(2);
            assertThat(registration(max).path("status").asText()).isEqualTo("CONFIRMED");
        });
        within(Duration.ofSeconds(5)).until(driver -> text("#chart-summary").contains("2 bestätigt"));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        saveScreenshot("dashboard-actions.png");
    }

    @Test
    void closingAndReopeningRegistration() {
        UUID meetingId = schedule("Sprechstunde Ortschaftsrat", 10);
        openMeeting(meetingId);

        click("#close-registration");
        outcome("outcome", "Die Anmeldung ist geschlossen.");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !meeting(meetingId).path("registrationOpen").asBoolean());
        within(LIVE).until(driver -> text("#figure-open").equals("geschlossen")
                && driver.findElement(By.id("reopen-registration")).isDisplayed());

        click("#reopen-registration");
        outcome("outcome", "Die Anmeldung ist wieder offen.");
        await().atMost(Duration.ofSeconds(5)).until(() -> meeting(meetingId).path("registrationOpen").asBoolean());
    }

    @Test
    void changingTheDetailsNamesWhatChanged() {
        UUID meetingId = schedule("Radverkehrsforum", 10);
        openMeeting(meetingId);

        type("#details-location", "Zwickau, Rathaus");
        click("#details-form button");

        outcome("outcome", "Geändert: Ort.");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> meeting(meetingId).path("location").asText().equals("Zwickau, Rathaus"));
        within(LIVE).until(driver -> text("#detail-when").contains("Zwickau, Rathaus"));
    }

    @Test
    void cancellingTheMeetingAsksFirstAndIsDoneByKeyboard() {
        UUID meetingId = schedule("Infoabend Breitband", 10);
        UUID erika = register(meetingId, "Erika Mustermann");
        openMeeting(meetingId);

        browser.findElement(By.id("cancel-meeting")).sendKeys(Keys.ENTER);
        within(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("cancel-dialog")).isDisplayed());
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        within(Duration.ofSeconds(5)).until(driver -> !driver.findElement(By.id("cancel-dialog")).isDisplayed());
        assertThat(meeting(meetingId).path("status").asText()).as("not cancelled without confirming")
                .isEqualTo("SCHEDULED");

        browser.findElement(By.id("cancel-meeting")).sendKeys(Keys.ENTER);
        type("#cancel-reason", "Der Saal ist nicht verfügbar.");
        browser.findElement(By.id("cancel-confirm")).sendKeys(Keys.ENTER);

        outcome("outcome", "Die Veranstaltung ist abgesagt; alle Anmeldungen sind beendet.");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meeting(meetingId).path("status").asText()).isEqualTo("CANCELLED");
            assertThat(registration(erika).path("status").asText()).isEqualTo("CANCELLED");
        });
        within(LIVE).until(driver -> text("#figure-open").equals("abgesagt")
                && !driver.findElement(By.id("manage")).isDisplayed());
    }

    @Test
    void atTheDoorAParticipantIsFoundByNameCheckedInAndTheCheckInUndone() throws IOException {
        UUID meetingId = schedule("Ehrenamtstag Erzgebirge", 3);
        register(meetingId, "Erika Mustermann");
        UUID max = register(meetingId, "Max Mustermann");
        register(meetingId, "Jonas Schmidt");
        openMeeting(meetingId);
        click("#check-in-link");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElements(By.cssSelector("#check-in-list li")).size() == 3);

        type("#check-in-search", "max");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElements(By.cssSelector("#check-in-list li")).size() == 1);
        WebElement button = browser.findElement(By.cssSelector("#check-in-list li button"));
        Dimension size = button.getSize();
        assertThat(size.getWidth()).as("touch target width").isGreaterThanOrEqualTo(44);
        assertThat(size.getHeight()).as("touch target height").isGreaterThanOrEqualTo(44);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        outcome("check-in-outcome", "Max Mustermann – Stadt Chemnitz ist eingecheckt.");
        await().atMost(Duration.ofSeconds(5)).until(() -> registration(max).hasNonNull("checkedInAt"));
        within(LIVE).until(driver -> text("#check-in-count").equals("1 von 3 Plätzen eingecheckt"));
        assertThat(browser.switchTo().activeElement().getText()).as("the focus stays on the button")
                .isEqualTo("Check-in zurücknehmen");
        saveScreenshot("dashboard-check-in.png");

        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        outcome("check-in-outcome", "Check-in von Max Mustermann – Stadt Chemnitz zurückgenommen.");
        await().atMost(Duration.ofSeconds(5)).until(() -> !registration(max).hasNonNull("checkedInAt"));
        within(LIVE).until(driver -> text("#check-in-count").equals("0 von 3 Plätzen eingecheckt"));
    }

    @Test
    void theOrganiserEndsARegistrationWithAReasonAndTheNextMovesUp() {
        UUID meetingId = schedule("Dorfgespräch Oberlausitz", 1);
        UUID erika = register(meetingId, "Erika Mustermann");
        UUID max = register(meetingId, "Max Mustermann");
        UUID lea = register(meetingId, "Lea Weber");
        openMeeting(meetingId);
        click("#check-in-link");
        type("#check-in-search", "erika");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElements(By.cssSelector("#check-in-list li")).size() == 1);

        click("#check-in-list li button.cancel-registration");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("cancel-registration-dialog")).isDisplayed());
        assertThat(text("#cancel-registration-title"))
                .isEqualTo("Anmeldung von Erika Mustermann – Stadt Chemnitz beenden?");
        type("#cancel-registration-reason", "hat telefonisch abgesagt");
        browser.findElement(By.id("cancel-registration-confirm")).sendKeys(Keys.ENTER);

        assertThat(outcome("check-in-outcome", "Nachgerückt")).isEqualTo("Die Anmeldung von Erika Mustermann – "
                + "Stadt Chemnitz ist beendet. Nachgerückt: Max Mustermann – Stadt Chemnitz.");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registration(erika).path("status").asText()).isEqualTo("CANCELLED");
            assertThat(registration(max).path("status").asText()).isEqualTo("CONFIRMED");
        });
        assertThat(system.auditorQueries().get("/api/v1/audit/registrations/" + erika + "/events").body()
                .findValuesAsText("reason")).contains("hat telefonisch abgesagt");

        browser.get(system.dashboardUrl() + "#/meetings/" + meetingId);
        within(LIVE).until(driver -> text("#waiting-list").contains("Lea Weber"));
        click("#waiting-list button.cancel-registration");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("cancel-registration-dialog")).isDisplayed());
        click("#cancel-registration-keep");
        assertThat(registration(lea).path("status").asText()).as("kept without confirming").isEqualTo("WAITLISTED");
        click("#waiting-list button.cancel-registration");
        click("#cancel-registration-confirm");
        outcome("outcome", "Die Anmeldung von Lea Weber – Stadt Chemnitz ist beendet.");
        await().atMost(Duration.ofSeconds(5)).until(() -> registration(lea).path("status").asText().equals("CANCELLED"));
    }

    @Test
    void aCommandTheMeetingRefusesIsExplainedInPlainWords() {
        UUID meetingId = schedule("Jugendforum Plauen", 2);
        register(meetingId, "Erika Mustermann");
        register(meetingId, "Max Mustermann");
        openMeeting(meetingId);

        type("#capacity-input", "1");
        click("#capacity-form button");

        outcome("outcome", "So wenige Plätze gehen nicht: Es sind schon mehr Plätze bestätigt.");
        assertThat(browser.findElement(By.id("outcome")).getAttribute("class")).contains("failed");
        assertThat(meeting(meetingId).path("capacity").asInt()).isEqualTo(2);
    }

    @Test
    void theChartFollowsRegistrationsLiveUntilTheUpdatesArePaused() throws IOException {
        UUID meetingId = schedule("Werkstattgespräch Innenstadt", 2);
        register(meetingId, "Erika Mustermann");
        openMeeting(meetingId);
        within(Duration.ofSeconds(5)).until(driver -> text("#chart-summary").contains("1 bestätigt"));

        register(meetingId, "Max Mustermann");
        within(Duration.ofSeconds(5)).until(driver -> text("#chart-summary").contains("2 bestätigt, 0 auf der Warteliste")
                && browser.findElements(By.cssSelector("#chart-table tbody tr")).size() == 2);
        click("#pause");
        assertThat(browser.findElement(By.id("pause")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(text("#pause")).isEqualTo("Live-Aktualisierung fortsetzen");

        register(meetingId, "Jonas Schmidt");
        within(Duration.ofSeconds(5)).until(driver -> (Boolean) ((JavascriptExecutor) driver)
                .executeScript("return state.held.size > 0;"));
        assertThat(text("#figure-waitlisted")).as("paused: the page keeps still").isEqualTo("0");
        assertThat(text("#chart-summary")).contains("0 auf der Warteliste");

        click("#pause");
        within(LIVE).until(driver -> text("#figure-waitlisted").equals("1"));
        within(Duration.ofSeconds(5)).until(driver -> text("#chart-summary").contains("2 bestätigt, 1 auf der Warteliste"));
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.chart').scrollIntoView();");
        saveScreenshot("dashboard-chart.png");
    }

    @Test
    void whilePausedNotEvenAMeetingScheduledMeanwhileAppearsOnTheOverview() {
        signIn();
        within(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.cssSelector("#meetings tr")).isEmpty());
        click("#pause");
        UUID meetingId = UUID.randomUUID();
        assertThat(system.organiserCommands().post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Neu während der Pause", "location": "Zwickau",
                 "startsAt": "2098-01-15T09:00:00+01:00", "capacity": 5}""".formatted(meetingId)).status())
                .isEqualTo(201);

        within(LIVE).until(driver -> (Boolean) ((JavascriptExecutor) driver)
                .executeScript("return state.held.has(arguments[0]);", meetingId.toString()));
        assertThat(text("#meetings")).as("paused: the overview keeps still").doesNotContain("Neu während der Pause");

        click("#pause");
        within(LIVE).until(driver -> text("#meetings").contains("Neu während der Pause"));
    }

    @Test
    void aParkedMeetingWarnsItsOrganiserUntilAnOperatorSkipsTheRecordThatParkedIt() {
        UUID meetingId = schedule("Anhörung Radverkehr", 5);
        register(meetingId, "Erika Mustermann");
        openMeeting(meetingId);
        within(LIVE).until(driver -> text("#figure-confirmed").equals("1"));

        publishRaw(meetingId.toString(), "{ ein Ereignis, das niemand lesen kann");
        register(meetingId, "Max Mustermann");

        within(LIVE).until(driver -> driver.findElement(By.id("detail-parked")).isDisplayed());
        assertThat(text("#detail-parked")).contains("stehen seit", "nicht übernommen");
        assertThat(text("#figure-confirmed")).as("the last consistent state").isEqualTo("1");
        await().atMost(LIVE).until(() -> system.queries().get("/api/v1/meetings/" + meetingId).body()
                .path("projection").path("state").asText().equals("PARKED")); // the API may answer from its 250 ms cache
        JsonNode cause = system.queries().get("/api/v1/meetings/" + meetingId).body().path("projection").path("event");

        Response skipped = system.operatorQueries().post("/api/v1/admin/parked-meetings/" + meetingId + "/skip",
                "{\"partition\": %d, \"offset\": %d}".formatted(cause.path("partition").asInt(),
                        cause.path("offset").asLong()));

        assertThat(skipped.status()).isEqualTo(200);
        within(LIVE).until(driver -> !driver.findElement(By.id("detail-parked")).isDisplayed()
                && text("#figure-confirmed").equals("2"));
    }

    private static void publishRaw(String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, key, value)).get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTokenIsHeldInMemoryOnlyAndAReloadSignsInAgainThroughTheIssuersSession() {
        schedule("Sitzung beim Aussteller", 5);
        signIn();
        within(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.cssSelector("#meetings tr")).isEmpty());
        assertThat(storedValues()).as("nothing a script could read later holds the token")
                .noneMatch(value -> value.contains("eyJ"));

        browser.navigate().refresh();
        within(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
        within(Duration.ofSeconds(10)).until(driver -> text("#meetings").contains("Sitzung beim Aussteller"));

        click("#sign-out");
        within(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        browser.navigate().refresh();
        within(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        within(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
        assertThat(browser.getCurrentUrl()).as("signing out ended the issuer's session: it asks again")
                .contains("/authorize");
    }

    /** Every value in the page's sessionStorage and localStorage. */
    @SuppressWarnings("unchecked")
    private static List<String> storedValues() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return [...Object.values(sessionStorage), ...Object.values(localStorage)].map(String);""");
    }

    @Test
    void everyPageMeetsWcag21AAAndItsContentSecurityPolicy() throws IOException {
        UUID meetingId = schedule("Barrierefreiheit im Rathaus", 2);
        register(meetingId, "Erika Mustermann");
        register(meetingId, "Max Mustermann");
        register(meetingId, "Jonas Schmidt");
        browser.get(system.dashboardUrl());
        within(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertAccessible("signed out");

        signIn();
        within(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.cssSelector("#meetings tr")).isEmpty());
        assertAccessible("overview");

        browser.get(system.dashboardUrl() + "#/meetings/" + meetingId);
        within(Duration.ofSeconds(10)).until(driver -> text("#chart-summary").contains("2 bestätigt")
                && text("#waiting-list").contains("Jonas Schmidt"));
        type("#capacity-input", "1");
        click("#capacity-form button");
        outcome("outcome", "So wenige Plätze gehen nicht");
        assertAccessible("meeting page with an error");

        click("#cancel-meeting");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("cancel-dialog")).isDisplayed());
        assertAccessible("cancel dialog");
        click("#cancel-keep");

        click("#check-in-link");
        within(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.cssSelector("#check-in-list li")).isEmpty());
        assertAccessible("check-in");

        click("#check-in-list li button.cancel-registration");
        within(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("cancel-registration-dialog")).isDisplayed());
        assertAccessible("dialog ending a registration");
        click("#cancel-registration-keep");

        assertNoContentSecurityPolicyViolationSoFar();
    }

    /**
     * The page carries its security headers, and the browser reported no violation of its Content
     * Security Policy on any page visited so far, by this test or those before it. The reports go to
     * the query service's log; an inline script injected last is blocked and reported, and its report
     * arriving proves that reports arrive at all.
     */
    private static void assertNoContentSecurityPolicyViolationSoFar() {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        String headers = (String) script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(location.href).then((response) => done(['content-security-policy', 'x-content-type-options',
                    'referrer-policy'].map((name) => name + ': ' + response.headers.get(name)).join('\\n')));""");
        assertThat(headers).contains("script-src 'self';", "frame-ancestors 'none'", "x-content-type-options: nosniff",
                "referrer-policy: no-referrer");

        script.executeScript("""
                const probe = document.createElement('script');
                probe.textContent = 'window.injected = true';
                document.body.append(probe);""");
        await().atMost(Duration.ofSeconds(10)).until(() -> system.queryServiceLog().contains("blocked inline"));
        assertThat(system.queryServiceLog().lines().filter(line -> line.contains("Content Security Policy violation")))
                .singleElement().asString().contains("blocked inline");
        assertThat(script.executeScript("return window.injected === undefined")).isEqualTo(true);
    }

    /** Runs axe-core on the page as it is and fails with each violation of WCAG 2.1 A and AA, readably. */
    private static void assertAccessible(String page) throws IOException {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(Files.readString(AXE));
        String violations = (String) script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then((results) => done(JSON.stringify(results.violations)),
                        (failure) => done(JSON.stringify([{id: 'axe-failed', help: String(failure), nodes: []}])));
                """);
        JsonNode found = JSON.readTree(violations);
        assertThat(found).as(() -> "axe on the %s page:%n%s".formatted(page, readable(found))).isEmpty();
    }

    private static String readable(JsonNode violations) {
        return StreamSupport.stream(violations.spliterator(), false)
                .map(violation -> "- %s (%s): %s%n%s".formatted(violation.path("id").asText(),
                        violation.path("impact").asText(), violation.path("help").asText(),
                        StreamSupport.stream(violation.path("nodes").spliterator(), false)
                                .map(node -> "    %s: %s".formatted(node.path("target"),
                                        node.path("failureSummary").asText().replace("\n", " ")))
                                .collect(Collectors.joining("\n"))))
                .collect(Collectors.joining("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException notYetComplete) {
            return "";
        }
    }

    /** Kept under target/ for the documentation's screenshots (copied to docs/ by hand when the page changes). */
    private static void saveScreenshot(String name) throws IOException {
        Path file = Path.of("target", name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
