-- Pipelines with ordered stages, deals moving through them, the product catalogue and deal line items.

create table pipeline (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(200) not null,
    position integer not null,
    archived_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id)
);

-- A stage's kind says whether a deal in it is still open, won or lost; its probability weighs the forecast.
create table pipeline_stage (
    workspace_id uuid not null,
    id uuid not null,
    pipeline_id uuid not null,
    name varchar(200) not null,
    position integer not null,
    probability integer not null,
    kind varchar(10) not null,
    archived_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint pipeline_stage_pipeline_fk foreign key (workspace_id, pipeline_id) references pipeline (workspace_id, id),
    constraint pipeline_stage_kind_ck check (kind in ('open', 'won', 'lost')),
    constraint pipeline_stage_probability_ck check (probability between 0 and 100)
);

create index pipeline_stage_pipeline_ix on pipeline_stage (workspace_id, pipeline_id, position);

-- status copies the kind of the deal's stage (open, won, lost) so that lists and forecasts need no join.
create table deal (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(300) not null,
    name_key varchar(300) not null,
    amount numeric(19, 4),
    currency varchar(3) not null,
    amount_from_items boolean not null,
    expected_close_on date,
    pipeline_id uuid not null,
    stage_id uuid not null,
    status varchar(10) not null,
    stage_entered_at timestamp with time zone not null,
    closed_at timestamp with time zone,
    owner_id uuid not null,
    team_id uuid,
    company_id uuid,
    source varchar(100),
    campaign_id uuid,
    lost_reason varchar(500),
    last_activity_at timestamp with time zone,
    custom jsonb,
    deleted_at timestamp with time zone,
    deleted_by uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint deal_pipeline_fk foreign key (workspace_id, pipeline_id) references pipeline (workspace_id, id),
    constraint deal_stage_fk foreign key (workspace_id, stage_id) references pipeline_stage (workspace_id, id),
    constraint deal_owner_fk foreign key (workspace_id, owner_id) references app_user (workspace_id, id),
    constraint deal_team_fk foreign key (workspace_id, team_id) references team (workspace_id, id),
    constraint deal_status_ck check (status in ('open', 'won', 'lost'))
);

-- A board column: the newest arrivals in a stage first.
create index deal_stage_ix on deal (workspace_id, stage_id, stage_entered_at, id);
create index deal_owner_ix on deal (workspace_id, owner_id, status, expected_close_on);
create index deal_close_ix on deal (workspace_id, status, expected_close_on);
create index deal_company_ix on deal (workspace_id, company_id);
create index deal_updated_ix on deal (workspace_id, updated_at, id);
create index deal_name_ix on deal (workspace_id, name_key, id);

-- The people of a deal and their role on it (decision maker, champion, ...).
create table deal_person (
    workspace_id uuid not null,
    deal_id uuid not null,
    person_id uuid not null,
    role varchar(100),
    primary key (workspace_id, deal_id, person_id),
    constraint deal_person_deal_fk foreign key (workspace_id, deal_id) references deal (workspace_id, id) on delete cascade
);

create index deal_person_person_ix on deal_person (workspace_id, person_id);

-- Every stage change of a deal: when, who, from where and how long the deal had been there.
create table deal_stage_change (
    workspace_id uuid not null,
    id uuid not null,
    deal_id uuid not null,
    from_stage_id uuid,
    to_stage_id uuid not null,
    changed_at timestamp with time zone not null,
    changed_by uuid,
    seconds_in_from_stage bigint,
    primary key (workspace_id, id),
    constraint deal_stage_change_deal_fk foreign key (workspace_id, deal_id) references deal (workspace_id, id) on delete cascade
);

create index deal_stage_change_deal_ix on deal_stage_change (workspace_id, deal_id, changed_at);
create index deal_stage_change_stage_ix on deal_stage_change (workspace_id, to_stage_id, changed_at);

create table product (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    name varchar(300) not null,
    name_key varchar(300) not null,
    code varchar(100),
    unit_price numeric(19, 4) not null,
    currency varchar(3) not null,
    description varchar(2000),
    active boolean not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint product_code_uk unique (workspace_id, code)
);

create index product_name_ix on product (workspace_id, name_key, id);

-- What a deal sells: the product's name and price are copied so that later catalogue changes keep the deal as agreed.
create table deal_line_item (
    workspace_id uuid not null,
    id uuid not null,
    deal_id uuid not null,
    product_id uuid,
    name varchar(300) not null,
    quantity numeric(19, 4) not null,
    unit_price numeric(19, 4) not null,
    discount_percent numeric(7, 4) not null,
    position integer not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint deal_line_item_deal_fk foreign key (workspace_id, deal_id) references deal (workspace_id, id) on delete cascade,
    constraint deal_line_item_product_fk foreign key (workspace_id, product_id) references product (workspace_id, id)
);

create index deal_line_item_deal_ix on deal_line_item (workspace_id, deal_id, position);

-- Per-workspace sales settings.
create table sales_settings (
    workspace_id uuid not null references workspace (id) primary key,
    default_currency varchar(3) not null,
    win_activates_people boolean not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null
);
