-- Fields an administrator adds to an object (person, company, later deal and case). Values live in the
-- object's own "custom" JSON column; this table only describes them. Options, default values and the
-- bounds of a field are JSON texts read by the application.
create table custom_field (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    object_kind varchar(20) not null,
    field_key varchar(50) not null,
    label varchar(100) not null,
    field_type varchar(20) not null,
    required boolean not null,
    default_value varchar(2000),
    help_text varchar(500),
    min_value numeric(19, 4),
    max_value numeric(19, 4),
    pattern varchar(500),
    options varchar(8000),
    currency varchar(3),
    position integer not null,
    archived boolean not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint custom_field_key_uk unique (workspace_id, object_kind, field_key)
);

create index custom_field_kind_ix on custom_field (workspace_id, object_kind, position);
