-- The history of changes to records, field by field: who changed what, from what, to what. Written by the
-- module that owns the record through the platform's ChangeLog, read on the record's page and in the API.
create table record_change (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    change_set uuid not null,
    record_kind varchar(30) not null,
    record_id uuid not null,
    field varchar(100) not null,
    old_value varchar(2000),
    new_value varchar(2000),
    changed_at timestamp with time zone not null,
    changed_by uuid,
    primary key (workspace_id, id)
);

create index record_change_record_ix on record_change (workspace_id, record_id, changed_at);
