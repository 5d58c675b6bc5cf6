-- Signals for "my day": birthdays and customers not contacted for a while, found per owner through an index.

-- birthday_md is the month and day of the birthday (month * 100 + day, 1231 for 31 December), kept by the
-- application on every write, so that today's birthdays are an index range whatever the year of birth.
alter table person add column birthday_md smallint;

-- last_contact_at is when the newest interaction with the person happened; null means never contacted.
-- Logging an interaction moves it forward (never back).
alter table person add column last_contact_at timestamp with time zone;

update person set birthday_md = extract(month from birthday) * 100 + extract(day from birthday)
where birthday is not null;

update person set last_contact_at = (
    select max(i.occurred_at) from interaction i
    where i.workspace_id = person.workspace_id and i.person_id = person.id
);

create index person_birthday_ix on person (workspace_id, birthday_md, owner_id);

-- At risk: (owner, active or loyal, contacted before a date); never contacted ones by lifecycle_entered_at.
-- Untouched leads: (owner, lead, never contacted, entered within the last 30 days).
create index person_contact_ix on person (workspace_id, owner_id, lifecycle_stage, last_contact_at, lifecycle_entered_at);
