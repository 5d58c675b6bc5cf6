-- A list as someone saved it: its search, filters, sort and columns, private or shared with the workspace.
create table saved_view (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    object_kind varchar(20) not null,
    name varchar(100) not null,
    owner_id uuid not null,
    shared boolean not null,
    query varchar(4000) not null,
    columns varchar(1000),
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id)
);

create index saved_view_owner_ix on saved_view (workspace_id, object_kind, owner_id);
