-- The customer timeline: one row per thing that happened with a person or a company, written by the
-- module that owns the thing (an interaction here, a purchase in sales, a task in activities), so that the
-- 360 page reads one indexed table. source_module and source_id name the original record.
create table timeline_entry (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    person_id uuid,
    company_id uuid,
    kind varchar(30) not null,
    occurred_at timestamp with time zone not null,
    actor_id uuid,
    title varchar(300),
    summary varchar(4000),
    data varchar(4000),
    source_module varchar(30) not null,
    source_id uuid not null,
    link varchar(300),
    primary key (workspace_id, id),
    constraint timeline_entry_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade,
    constraint timeline_entry_company_fk foreign key (workspace_id, company_id) references company (workspace_id, id) on delete cascade
);

create index timeline_entry_person_ix on timeline_entry (workspace_id, person_id, occurred_at, id);
create index timeline_entry_company_ix on timeline_entry (workspace_id, company_id, occurred_at, id);
create index timeline_entry_source_ix on timeline_entry (workspace_id, source_module, source_id);

-- A call, e-mail, SMS, chat, meeting, visit or letter with a person (and through them their company).
create table interaction (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    person_id uuid not null,
    company_id uuid,
    channel varchar(20) not null,
    direction varchar(10) not null,
    occurred_at timestamp with time zone not null,
    duration_seconds integer,
    outcome varchar(100),
    summary varchar(4000),
    external_ref varchar(200),
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint interaction_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade,
    constraint interaction_external_uk unique (workspace_id, external_ref)
);

create index interaction_person_ix on interaction (workspace_id, person_id, occurred_at);

-- The consent ledger: every opt-in and opt-out per person and channel, never overwritten. The newest
-- entry of a channel is the person's current consent for it.
create table consent_event (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    person_id uuid not null,
    channel varchar(20) not null,
    status varchar(10) not null,
    source varchar(100) not null,
    wording varchar(2000),
    recorded_at timestamp with time zone not null,
    recorded_by uuid,
    primary key (workspace_id, id),
    constraint consent_event_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade
);

create index consent_event_person_ix on consent_event (workspace_id, person_id, channel, recorded_at);
