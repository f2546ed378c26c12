package de.participation.query.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * The organisers' dashboard: a static page with plain JavaScript ({@code static/dashboard}) that
 * signs in by itself and reads the API and its capacity streams with the user's token. Its files
 * are public; they hold no data.
 */
@RestController
class DashboardController {

    private final DashboardProperties properties;

    DashboardController(DashboardProperties properties) {
        this.properties = properties;
    }

    @GetMapping({"/dashboard", "/dashboard/"})
    ModelAndView page() {
        return new ModelAndView("forward:/dashboard/index.html");
    }

    /** What the page needs to sign in and to send commands. */
    @GetMapping("/dashboard/config.json")
    DashboardProperties config() {
        return properties;
    }
}
