-- Which meeting each registration id belongs to: ids are chosen by the portal and must be unique
-- across meetings, which no single Meeting aggregate can check on its own.
create table registration_id (
    registration_id uuid primary key,
    meeting_id      uuid not null
);
