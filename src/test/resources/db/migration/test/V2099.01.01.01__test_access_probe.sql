-- Test only: a minimal kind of owned record on which the access policy is proven end to end.
create table access_probe (
    workspace_id uuid not null,
    id uuid not null,
    owner_id uuid not null,
    team_id uuid,
    title varchar(200) not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id)
);
