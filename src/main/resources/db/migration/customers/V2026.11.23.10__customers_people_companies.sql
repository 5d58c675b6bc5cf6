-- The customer database: companies, people, their contact data and tags.
-- Names are kept as typed (any script); *_key columns hold the folded form used to search and sort
-- (lower case, accents removed, Arabic/Persian letter variants unified), computed by the application.

create table company (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(300) not null,
    name_key varchar(300) not null,
    domain varchar(253),
    industry varchar(100),
    size_band varchar(20),
    parent_id uuid,
    owner_id uuid not null,
    team_id uuid,
    notes varchar(10000),
    custom jsonb,
    deleted_at timestamp with time zone,
    deleted_by uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint company_parent_fk foreign key (workspace_id, parent_id) references company (workspace_id, id),
    constraint company_owner_fk foreign key (workspace_id, owner_id) references app_user (workspace_id, id),
    constraint company_team_fk foreign key (workspace_id, team_id) references team (workspace_id, id)
);

create index company_name_ix on company (workspace_id, name_key, id);
create index company_owner_ix on company (workspace_id, owner_id);
create index company_domain_ix on company (workspace_id, domain);

create table person (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    given_name varchar(200),
    family_name varchar(200),
    display_name varchar(300) not null,
    name_key varchar(300) not null,
    birthday date,
    job_title varchar(200),
    company_id uuid,
    source varchar(100),
    owner_id uuid not null,
    team_id uuid,
    lifecycle_stage varchar(20) not null,
    lifecycle_entered_at timestamp with time zone not null,
    status varchar(20) not null,
    preferred_channel varchar(20),
    primary_email varchar(320),
    primary_phone varchar(20),
    notes varchar(10000),
    custom jsonb,
    deleted_at timestamp with time zone,
    deleted_by uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint person_company_fk foreign key (workspace_id, company_id) references company (workspace_id, id),
    constraint person_owner_fk foreign key (workspace_id, owner_id) references app_user (workspace_id, id),
    constraint person_team_fk foreign key (workspace_id, team_id) references team (workspace_id, id)
);

create index person_name_ix on person (workspace_id, name_key, id);
create index person_owner_ix on person (workspace_id, owner_id, name_key);
create index person_company_ix on person (workspace_id, company_id);
create index person_stage_ix on person (workspace_id, lifecycle_stage, lifecycle_entered_at);
create index person_updated_ix on person (workspace_id, updated_at, id);

-- Several e-mail addresses per person; one is primary (copied to person.primary_email).
create table person_email (
    workspace_id uuid not null,
    id uuid not null,
    person_id uuid not null,
    address varchar(320) not null,
    address_key varchar(320) not null,
    label varchar(20) not null,
    is_primary boolean not null,
    position integer not null,
    primary key (workspace_id, id),
    constraint person_email_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade,
    constraint person_email_uk unique (workspace_id, person_id, address_key)
);

create index person_email_key_ix on person_email (workspace_id, address_key);

-- Several phone numbers per person: what was typed, and the E.164 form when it could be parsed.
create table person_phone (
    workspace_id uuid not null,
    id uuid not null,
    person_id uuid not null,
    typed varchar(50) not null,
    e164 varchar(20),
    label varchar(20) not null,
    is_primary boolean not null,
    position integer not null,
    primary key (workspace_id, id),
    constraint person_phone_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade
);

create index person_phone_e164_ix on person_phone (workspace_id, e164);
create index person_phone_person_ix on person_phone (workspace_id, person_id);

-- Postal addresses of a person or a company (exactly one of the two).
create table postal_address (
    workspace_id uuid not null,
    id uuid not null,
    person_id uuid,
    company_id uuid,
    label varchar(20) not null,
    street varchar(300),
    postal_code varchar(20),
    city varchar(100),
    region varchar(100),
    country_code varchar(2),
    position integer not null,
    primary key (workspace_id, id),
    constraint postal_address_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade,
    constraint postal_address_company_fk foreign key (workspace_id, company_id) references company (workspace_id, id) on delete cascade,
    constraint postal_address_owner_ck check ((person_id is null) <> (company_id is null))
);

create index postal_address_person_ix on postal_address (workspace_id, person_id);
create index postal_address_company_ix on postal_address (workspace_id, company_id);

create table tag (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(100) not null,
    name_key varchar(100) not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint tag_name_uk unique (workspace_id, name_key)
);

create table person_tag (
    workspace_id uuid not null,
    person_id uuid not null,
    tag_id uuid not null,
    primary key (workspace_id, person_id, tag_id),
    constraint person_tag_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade,
    constraint person_tag_tag_fk foreign key (workspace_id, tag_id) references tag (workspace_id, id) on delete cascade
);

create index person_tag_tag_ix on person_tag (workspace_id, tag_id, person_id);

create table company_tag (
    workspace_id uuid not null,
    company_id uuid not null,
    tag_id uuid not null,
    primary key (workspace_id, company_id, tag_id),
    constraint company_tag_company_fk foreign key (workspace_id, company_id) references company (workspace_id, id) on delete cascade,
    constraint company_tag_tag_fk foreign key (workspace_id, tag_id) references tag (workspace_id, id) on delete cascade
);

create index company_tag_tag_ix on company_tag (workspace_id, tag_id, company_id);

-- Search terms: each word of a name, each e-mail address and its local part, each phone number's
-- digits, in folded form, so that a prefix of any of them finds the record through one index.
create table search_term (
    workspace_id uuid not null,
    record_id uuid not null,
    record_kind varchar(10) not null,
    term varchar(320) not null,
    primary key (workspace_id, record_kind, term, record_id)
);

-- (record, kind, term): checking one person's terms against a prefix reads the index only.
create index search_term_record_ix on search_term (workspace_id, record_id, record_kind, term);

-- Every move of a person between lifecycle stages: when, who, why.
create table lifecycle_change (
    workspace_id uuid not null,
    id uuid not null,
    person_id uuid not null,
    from_stage varchar(20),
    to_stage varchar(20) not null,
    changed_at timestamp with time zone not null,
    changed_by uuid,
    reason varchar(1000),
    primary key (workspace_id, id),
    constraint lifecycle_change_person_fk foreign key (workspace_id, person_id) references person (workspace_id, id) on delete cascade
);

create index lifecycle_change_person_ix on lifecycle_change (workspace_id, person_id, changed_at);
create index lifecycle_change_stage_ix on lifecycle_change (workspace_id, to_stage, changed_at);

-- Settings of the customer database per workspace.
create table customer_settings (
    workspace_id uuid not null references workspace (id),
    phone_region varchar(2),
    lifecycle_rule varchar(20) not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id)
);

-- A workspace's own names for the lifecycle stages (a fitness club says "trial" for potential).
create table lifecycle_label (
    workspace_id uuid not null references workspace (id),
    stage varchar(20) not null,
    label varchar(50) not null,
    primary key (workspace_id, stage)
);
