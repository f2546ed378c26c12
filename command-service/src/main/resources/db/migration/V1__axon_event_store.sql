-- Axon's JDBC event store and token store, with the default EventSchema/TokenSchema names
-- (unquoted, so PostgreSQL folds them to lower case exactly as Axon's queries do).

-- Every domain event. The unique (aggregate, sequence) key is the optimistic lock that keeps
-- concurrent writers of one meeting, on any number of instances, from both succeeding.
create table domainevententry (
    globalindex         bigserial    primary key,
    eventidentifier     varchar(255) not null unique,
    metadata            bytea,
    payload             bytea        not null,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) not null,
    timestamp           varchar(255) not null,
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255),
    unique (aggregateidentifier, sequencenumber)
);

-- The latest snapshot of a meeting, so that loading one with a long history reads only the
-- events after it.
create table snapshotevententry (
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255) not null,
    eventidentifier     varchar(255) not null unique,
    metadata            bytea,
    payload             bytea        not null,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) not null,
    timestamp           varchar(255) not null,
    primary key (aggregateidentifier, sequencenumber, type)
);

-- Positions of tracking event processors (the Kafka forwarder).
create table tokenentry (
    processorname varchar(255) not null,
    segment       integer      not null,
    token         bytea,
    tokentype     varchar(255),
    timestamp     varchar(255),
    owner         varchar(255),
    primary key (processorname, segment)
);
