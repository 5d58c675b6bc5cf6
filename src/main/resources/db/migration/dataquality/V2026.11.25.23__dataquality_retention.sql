-- Retention of people and companies in an end-of-life state: per workspace and state, keep them, archive
-- them or anonymise them (people only) a number of months after the state was set.
create table retention_policy (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    state varchar(20) not null,
    action varchar(20) not null,
    after_months integer not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint retention_policy_state_uk unique (workspace_id, state),
    constraint retention_policy_state_ck check (state in ('left', 'deceased', 'disqualified', 'closed')),
    constraint retention_policy_action_ck check (action in ('keep', 'archive', 'anonymise')),
    constraint retention_policy_months_ck check (after_months between 0 and 1200)
);

-- One run of the policies in a workspace (scheduled or started by an administrator) and its counts.
create table retention_run (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    kind varchar(20) not null,
    as_of timestamp with time zone not null,
    started_at timestamp with time zone not null,
    finished_at timestamp with time zone,
    archived integer not null,
    anonymised integer not null,
    skipped integer not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id)
);

create index retention_run_started_ix on retention_run (workspace_id, started_at);

-- What a run did to each record: the rule that applied, and the outcome. Anonymised people are kept by id
-- only (display_name stays empty); the ids of anonymised people also make the next run skip them.
create table retention_run_item (
    workspace_id uuid not null,
    id uuid not null,
    run_id uuid not null,
    record_kind varchar(10) not null,
    record_id uuid not null,
    display_name varchar(300),
    state varchar(20) not null,
    action varchar(20) not null,
    after_months integer not null,
    outcome varchar(20) not null,
    message varchar(200),
    primary key (workspace_id, id),
    constraint retention_run_item_run_fk foreign key (workspace_id, run_id) references retention_run (workspace_id, id) on delete cascade
);

create index retention_run_item_run_ix on retention_run_item (workspace_id, run_id, state);
create index retention_run_item_record_ix on retention_run_item (workspace_id, record_id, action, outcome);
