package de.participation.command.privacy;

import de.participation.command.forwarding.KafkaProperties;
import de.participation.command.personaldata.KeyService;
import de.participation.events.MeetingScheduled;
import de.participation.kafka.KafkaClientSettings;
import de.participation.web.privacy.ScanReport;
import de.participation.web.privacy.ScanReport.Finding;
import de.participation.web.privacy.ScanTarget;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The data protection officer's check that an erasure left nothing behind: looks for one address,
 * in clear and as the key service would hash it in any meeting ever scheduled, in every table of
 * this service's database and every record of every topic. After the address's registrations were
 * erased (on request or at the end of the retention period) it finds nothing. The read side checks
 * its own store in the same way.
 */
@Component
public class PersonalDataScan {

    private final KeyService keyService;
    private final JdbcTemplate jdbc;
    private final DatabaseScan database;
    private final TopicScan topics;

    PersonalDataScan(KeyService keyService, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                     KafkaProperties kafka, KafkaClientSettings clients,
                     @Value("${participation.privacy.scan.topics-within:PT2M}") Duration within) {
        this.keyService = keyService;
        this.jdbc = jdbc;
        this.database = new DatabaseScan(jdbc.getDataSource(), transactions);
        this.topics = new TopicScan(kafka.bootstrapServers(), clients, within, Clock.systemUTC());
    }

    public ScanReport scan(String address) {
        List<UUID> meetings = jdbc.queryForList("""
                select distinct aggregateidentifier::uuid from domainevententry
                where payloadtype = ?""", UUID.class, MeetingScheduled.class.getName());
        ScanTarget target = new ScanTarget(address, keyService.emailHashes(address, meetings).values());
        List<Finding> findings = new ArrayList<>();
        return ScanReport.of(meetings.size(), List.of(database.scan(target, findings), topics.scan(target, findings)),
                findings);
    }
}
