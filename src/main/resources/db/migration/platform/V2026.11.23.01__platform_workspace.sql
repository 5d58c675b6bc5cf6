-- A workspace is one business using Rapport; every business table carries its id.
create table workspace (
    id uuid not null primary key,
    slug varchar(63) not null,
    name varchar(200) not null,
    default_locale varchar(35) not null,
    default_time_zone varchar(64) not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    constraint workspace_slug_uk unique (slug)
);

-- Messages for one user, shown in the notification area of the layout.
create table notification (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    user_id uuid not null,
    message_key varchar(200) not null,
    message_args varchar(2000),
    link varchar(500),
    read_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id)
);
create index notification_user_ix on notification (workspace_id, user_id, created_at);
