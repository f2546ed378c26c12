-- The audit trail of personal-data scans (ScanTrail): who asked, when, and a keyed hash of the
-- address asked about (the key is a setting of the service, not in this database), never the address.
create table personal_data_scan_trail (
    id           bigint      generated always as identity primary key,
    at           timestamptz not null,
    subject      text        not null,
    name         text,
    request      text        not null,
    address_hash text        not null
);
