package de.participation.acceptance;

import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisers' dashboard in a real headless Chromium (Debian's chromium and chromium-driver)
 * against the running system: it signs in through the local issuer's sign-in page, shows the
 * meetings, and follows registrations made through the command API live, without a reload.
 */
class DashboardBrowserIT {

    private static final Duration LIVE = Duration.ofSeconds(1);
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

    @Test
    void anOrganiserSignsInAndWatchesRegistrationsArriveWithoutReloadingAndSeesOffersAndGroups() throws IOException {
        UUID meetingId = schedule("Bürgerdialog Innenstadt", 3);
        register(meetingId, "Erika Mustermann");

        browser.get(system.dashboardUrl());
        within(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        within(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/authorize"));
        new Select(browser.findElement(By.id("role"))).selectByValue("organiser");
        browser.findElement(By.id("organisation")).clear();
        browser.findElement(By.id("organisation")).sendKeys(RunningSystem.ORGANISATION);
        browser.findElement(By.id("sign-in")).click();

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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException notYetComplete) {
            return "";
        }
    }

    /** Kept under target/ for the README's screenshot (copied to docs/ by hand when the page changes). */
    private static void saveScreenshot(String name) throws IOException {
        Path file = Path.of("target", name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
