-- Every merge of two people or two companies: who merged them and when (created_at, created_by), the
-- survivor's values before and after (JSON, field by field), the records each participant moved (JSON, ids by
-- participant name), until when it can be undone, and whether it was undone.
create table customer_merge (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    kind varchar(10) not null,
    survivor_id uuid not null,
    merged_id uuid not null,
    survivor_name varchar(300) not null,
    merged_name varchar(300) not null,
    survivor_before text not null,
    survivor_after text not null,
    moved text not null,
    undo_until timestamp with time zone not null,
    undone_at timestamp with time zone,
    undone_by uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint customer_merge_kind_ck check (kind in ('person', 'company'))
);

create index customer_merge_created_ix on customer_merge (workspace_id, created_at, id);
create index customer_merge_survivor_ix on customer_merge (workspace_id, survivor_id);
create index customer_merge_merged_ix on customer_merge (workspace_id, merged_id);
