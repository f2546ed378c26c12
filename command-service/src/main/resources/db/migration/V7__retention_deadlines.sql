-- When each meeting's personal data is to be erased: written in the transaction of its scheduling
-- and of every change of its times, read by the retention scheduler of every instance. The Meeting
-- decides whether the period has really passed.
create table retention_deadline (
    meeting_id uuid primary key,
    due_at     timestamptz not null
);
create index retention_deadline_due on retention_deadline (due_at);

-- Meetings scheduled before retention periods existed keep the default of 90 days after their end
-- (endsAt, else startsAt) as their latest details say.
insert into retention_deadline (meeting_id, due_at)
select latest.aggregateidentifier::uuid,
       coalesce(latest.details ->> 'endsAt', latest.details ->> 'startsAt')::timestamptz + interval '90 days'
from (select distinct on (aggregateidentifier) aggregateidentifier, convert_from(payload, 'UTF8')::jsonb as details
      from domainevententry
      where payloadtype in ('de.participation.events.MeetingScheduled', 'de.participation.events.MeetingDetailsChanged')
      order by aggregateidentifier, sequencenumber desc) latest;
