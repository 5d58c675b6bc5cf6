-- End-of-life states of people (left the company, deceased, disqualified) and companies (closed), and the
-- archive that retention moves them to. person.status was always 'active'; it now also takes 'left',
-- 'deceased' and 'disqualified'. When, who and why are kept beside it; the history of every change is in
-- record_change like any other field.
alter table person add column status_changed_at timestamp with time zone;
alter table person add column status_changed_by uuid;
-- For disqualified leads: one of a fixed list (no_budget, no_need, ...); free text in status_reason.
alter table person add column status_reason_code varchar(40);
alter table person add column status_reason varchar(1000);
-- The day it happened (left on, died on), as told by the user; may be before status_changed_at.
alter table person add column status_on date;
-- The company a person left: shown as "formerly at" on the person's and on the company's page.
-- No foreign key: a company purged from the trash leaves the line empty rather than blocking the purge.
alter table person add column former_company_id uuid;
-- Archived by a retention policy: hidden from lists, restorable.
alter table person add column archived_at timestamp with time zone;
alter table person add column archived_by uuid;

create index person_status_ix on person (workspace_id, status, status_changed_at);
create index person_former_company_ix on person (workspace_id, former_company_id);

alter table company add column status varchar(20) default 'active' not null;
alter table company add column status_changed_at timestamp with time zone;
alter table company add column status_changed_by uuid;
alter table company add column status_reason varchar(1000);
alter table company add column closed_on date;
alter table company add column archived_at timestamp with time zone;
alter table company add column archived_by uuid;

create index company_status_ix on company (workspace_id, status, status_changed_at);
