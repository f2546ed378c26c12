-- Crypto-shredding (GDPR): one AES-256 key per registration. Events carry the participant only
-- sealed with it; erasure deletes the row. The organisation lets an organiser be given only the
-- keys of their own meetings. The digest (an HMAC of name and organisation under the same key)
-- lets a retried registration be compared without the Meeting keeping any of it.
create table participant_key (
    registration_id uuid         primary key,
    meeting_id      uuid         not null,
    organisation    varchar(255),
    secret          bytea        not null,
    digest          bytea        not null,
    created_at      timestamptz  not null default now()
);

-- The key of the email hashes (HMAC-SHA256) by which a meeting recognises the same person.
-- One row, written by V4 with a random value.
create table email_hash_key (
    id     smallint primary key default 1 check (id = 1),
    secret bytea    not null
);

-- Set by V4 when it re-sealed events that Kafka had received in clear: the forwarder then empties
-- the topic and publishes the whole (sealed) history again.
create table topic_republish_request (
    id           smallint    primary key default 1 check (id = 1),
    requested_at timestamptz not null default now()
);
