-- The registration rate limits' token buckets, shared by all instances (SharedTokenBuckets). A
-- bucket is named by its limit and a keyed hash of the email or end-user address, never the address
-- itself; it is deleted once it has filled up again, so it lives at most one period after its last use.
create table registration_limit_bucket (
    bucket            text             primary key,
    capacity          double precision not null,
    refill_per_second double precision not null,
    tokens            double precision not null,
    updated_at        timestamptz      not null
);
