-- When each open offer expires: written in the transaction of the offer's event, read by the
-- deadline scheduler of every instance. The Meeting decides whether an offer really expires, so a
-- row that outlives its offer (accepted, declined, cancelled) only makes a command that changes nothing.
create table offer_deadline (
    registration_id uuid primary key,
    meeting_id      uuid        not null,
    due_at          timestamptz not null
);
create index offer_deadline_due on offer_deadline (due_at);
