-- How far the blocking keys of records written before duplicate detection existed have been
-- built, per workspace and object (person, company). The first scan builds the missing keys page
-- by page in id order, each page in its own transaction, and a stopped build resumes after
-- after_id. finished_at set: every record has its keys, kept in step since by the writers.
create table duplicate_key_build (
    workspace_id uuid not null references workspace (id),
    kind varchar(10) not null,
    after_id uuid,
    records_checked bigint not null,
    records_built bigint not null,
    finished_at timestamp with time zone,
    updated_at timestamp with time zone not null,
    primary key (workspace_id, kind)
);
