-- Roles form a hierarchy: a role may report to a parent role.
create table role (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(100) not null,
    description varchar(500),
    administrator boolean not null,
    parent_id uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint role_name_uk unique (workspace_id, name),
    constraint role_parent_fk foreign key (workspace_id, parent_id) references role (workspace_id, id)
);

-- A person who signs in. The e-mail is the login name and is unique across the installation
-- (see docs/decisions/0003-login-identity.md); it is stored in lower case.
create table app_user (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    email varchar(320) not null,
    display_name varchar(200) not null,
    password_hash varchar(200) not null,
    must_change_password boolean not null,
    locale varchar(35) not null,
    time_zone varchar(64) not null,
    active boolean not null,
    role_id uuid not null,
    manager_id uuid,
    last_login_at timestamp with time zone,
    password_changed_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint app_user_email_uk unique (email),
    constraint app_user_role_fk foreign key (workspace_id, role_id) references role (workspace_id, id),
    constraint app_user_manager_fk foreign key (workspace_id, manager_id) references app_user (workspace_id, id)
);

create table team (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(100) not null,
    description varchar(500),
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint team_name_uk unique (workspace_id, name)
);

create table team_member (
    workspace_id uuid not null,
    team_id uuid not null,
    user_id uuid not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, team_id, user_id),
    constraint team_member_team_fk foreign key (workspace_id, team_id) references team (workspace_id, id) on delete cascade,
    constraint team_member_user_fk foreign key (workspace_id, user_id) references app_user (workspace_id, id) on delete cascade
);
create index team_member_user_ix on team_member (workspace_id, user_id);

-- Personal API tokens: only a SHA-256 hash is kept; the token is shown once.
create table api_token (
    workspace_id uuid not null,
    id uuid not null,
    user_id uuid not null,
    name varchar(100) not null,
    token_prefix varchar(16) not null,
    token_hash varchar(64) not null,
    scopes varchar(100) not null,
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint api_token_hash_uk unique (token_hash),
    constraint api_token_user_fk foreign key (workspace_id, user_id) references app_user (workspace_id, id) on delete cascade
);

-- Failed sign-ins per account and per address; not workspace data (it is read before sign-in).
create table login_throttle (
    throttle_key varchar(400) not null primary key,
    failures integer not null,
    window_started_at timestamp with time zone not null,
    locked_until timestamp with time zone
);

-- Spring Security's persistent "remember me" tokens (series rotate on every use).
create table persistent_logins (
    username varchar(320) not null,
    series varchar(64) not null primary key,
    token varchar(64) not null,
    last_used timestamp not null
);
