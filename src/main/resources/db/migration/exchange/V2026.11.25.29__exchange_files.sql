-- Files uploaded for an import or written by an export. They live in the database, cut into
-- chunks of up to 1 MiB, so that any node can read one as a stream (a background job may run
-- on another node than the upload) and no file is ever held whole in memory.
-- purpose: import or export. expires_at: when the cleanup job deletes it (null: kept).
create table exchange_file (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes bigint not null,
    purpose varchar(10) not null,
    expires_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint exchange_file_purpose_ck check (purpose in ('import', 'export'))
);

create index exchange_file_expiry_ix on exchange_file (expires_at);

create table exchange_file_chunk (
    workspace_id uuid not null,
    file_id uuid not null,
    position integer not null,
    data bytea not null,
    primary key (workspace_id, file_id, position),
    constraint exchange_file_chunk_file_fk foreign key (workspace_id, file_id) references exchange_file (workspace_id, id) on delete cascade
);
