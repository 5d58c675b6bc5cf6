-- Tasks, calls, meetings and notes; who attends; reminders; private calendar feeds; "my day" thresholds.

-- starts_at is a task's due time or a call's or meeting's start; all_day marks a due date without a time.
-- assignee_id is the owner for the access policy. A recurring task keeps its rule; completing one occurrence
-- creates the next, which shares series_id.
create table activity (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    kind varchar(10) not null,
    title varchar(300) not null,
    notes varchar(10000),
    status varchar(10) not null,
    priority varchar(10) not null,
    starts_at timestamp with time zone,
    ends_at timestamp with time zone,
    all_day boolean not null,
    assignee_id uuid not null,
    team_id uuid,
    person_id uuid,
    company_id uuid,
    deal_id uuid,
    place varchar(500),
    link varchar(1000),
    recurrence varchar(100),
    series_id uuid,
    done_at timestamp with time zone,
    done_by uuid,
    outcome varchar(2000),
    interaction_id uuid,
    deleted_at timestamp with time zone,
    deleted_by uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint activity_assignee_fk foreign key (workspace_id, assignee_id) references app_user (workspace_id, id),
    constraint activity_team_fk foreign key (workspace_id, team_id) references team (workspace_id, id),
    constraint activity_kind_ck check (kind in ('task', 'call', 'meeting', 'note')),
    constraint activity_status_ck check (status in ('open', 'done', 'canceled')),
    constraint activity_priority_ck check (priority in ('low', 'normal', 'high'))
);

create index activity_assignee_ix on activity (workspace_id, assignee_id, status, starts_at, id);
create index activity_calendar_ix on activity (workspace_id, assignee_id, starts_at, id);
create index activity_person_ix on activity (workspace_id, person_id, starts_at);
create index activity_company_ix on activity (workspace_id, company_id, starts_at);
create index activity_deal_ix on activity (workspace_id, deal_id, starts_at);

-- Who takes part in a call or meeting: users of the workspace and people of the customer database.
create table activity_attendee (
    workspace_id uuid not null,
    id uuid not null,
    activity_id uuid not null,
    user_id uuid,
    person_id uuid,
    primary key (workspace_id, id),
    constraint activity_attendee_activity_fk foreign key (workspace_id, activity_id) references activity (workspace_id, id) on delete cascade,
    constraint activity_attendee_party_ck check (user_id is not null or person_id is not null)
);

create index activity_attendee_activity_ix on activity_attendee (workspace_id, activity_id);
create index activity_attendee_user_ix on activity_attendee (workspace_id, user_id);

-- A reminder of an activity for one user, due at remind_at. The delivery job claims due rows one by one
-- (FOR UPDATE SKIP LOCKED), writes the in-app notification and the e-mail to send, and marks the row
-- delivered in the same transaction.
create table reminder (
    workspace_id uuid not null,
    id uuid not null,
    activity_id uuid not null,
    user_id uuid not null,
    minutes_before integer not null,
    remind_at timestamp with time zone not null,
    status varchar(10) not null,
    delivered_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint reminder_activity_fk foreign key (workspace_id, activity_id) references activity (workspace_id, id) on delete cascade,
    constraint reminder_status_ck check (status in ('pending', 'delivered', 'canceled'))
);

create index reminder_due_ix on reminder (status, remind_at);
create index reminder_activity_ix on reminder (workspace_id, activity_id);

-- A user's private iCalendar subscription: only the hash of the token in the URL is kept.
create table calendar_feed (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    user_id uuid not null,
    token_hash varchar(64) not null,
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    primary key (workspace_id, id),
    constraint calendar_feed_token_uk unique (token_hash)
);

create index calendar_feed_user_ix on calendar_feed (workspace_id, user_id);

-- The thresholds of the "my day" feed, per workspace.
create table my_day_settings (
    workspace_id uuid not null references workspace (id) primary key,
    deal_idle_days integer not null,
    deal_stalled_days integer not null,
    at_risk_days integer not null,
    lead_untouched_hours integer not null,
    renewal_field_key varchar(50),
    renewal_within_days integer not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null
);
