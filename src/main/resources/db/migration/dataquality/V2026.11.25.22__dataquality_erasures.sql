-- The fact that a person was erased on request or by a retention policy: who, when, why, and how many
-- records each part changed. It holds no personal data: person_id names the anonymous shell that stays.
-- changed: "part=count" pairs separated by ";".
create table erasure_record (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    person_id uuid not null,
    reason varchar(1000) not null,
    changed varchar(2000) not null,
    erased_at timestamp with time zone not null,
    erased_by uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id)
);

create index erasure_record_time_ix on erasure_record (workspace_id, erased_at);
