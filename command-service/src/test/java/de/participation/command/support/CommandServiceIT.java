package de.participation.command.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command service on a real HTTP port with a database of its own on the tests' PostgreSQL
 * (one per Spring context), reached through {@link #api} and inspected through {@link #stored}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandServiceIT {

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    protected Api api;
    protected StoredEvents stored;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        stored = new StoredEvents(jdbc);
    }
}
