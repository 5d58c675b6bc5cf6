-- Duplicate detection: the rules per object, the blocking keys, the pairs found and the scans.

-- The weights of each comparison and the two thresholds, per workspace and object (person,
-- company). weights: JSON object, comparison code -> weight; a missing row means the defaults.
create table duplicate_rule (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    kind varchar(10) not null,
    weights varchar(2000) not null,
    possible_threshold numeric(4, 3) not null,
    likely_threshold numeric(4, 3) not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint duplicate_rule_kind_uk unique (workspace_id, kind),
    constraint duplicate_rule_kind_ck check (kind in ('person', 'company'))
);

-- Blocking keys: two records are compared only when they share a key. A derived copy of the
-- customer records, rewritten in the transaction that changes them (CustomersChanged).
create table duplicate_key (
    workspace_id uuid not null,
    kind varchar(10) not null,
    block_key varchar(200) not null,
    record_id uuid not null,
    primary key (workspace_id, kind, block_key, record_id)
);

create index duplicate_key_record_ix on duplicate_key (workspace_id, record_id);

-- Records changed since they were last compared: the scan job rechecks their pairs soon after.
create table duplicate_recheck (
    workspace_id uuid not null,
    kind varchar(10) not null,
    record_id uuid not null,
    queued_at timestamp with time zone not null,
    primary key (workspace_id, kind, record_id)
);

create index duplicate_recheck_queued_ix on duplicate_recheck (queued_at);

-- A pair of records that may be the same customer. record_a < record_b (as text), so a pair is
-- stored once. status: open, dismissed ("not a duplicate", never raised again), merged.
-- reasons: JSON array of {code, detail, weight}.
create table duplicate_pair (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    kind varchar(10) not null,
    record_a uuid not null,
    record_b uuid not null,
    score numeric(4, 3) not null,
    level varchar(10) not null,
    reasons varchar(4000) not null,
    status varchar(10) not null,
    found_at timestamp with time zone not null,
    checked_at timestamp with time zone not null,
    merge_id uuid,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint duplicate_pair_uk unique (workspace_id, kind, record_a, record_b),
    constraint duplicate_pair_status_ck check (status in ('open', 'dismissed', 'merged')),
    constraint duplicate_pair_level_ck check (level in ('possible', 'likely'))
);

create index duplicate_pair_queue_ix on duplicate_pair (workspace_id, status, kind, score, id);
create index duplicate_pair_b_ix on duplicate_pair (workspace_id, record_b);

-- Scans of the whole database: requested by an admin or by the nightly job, run by the job.
-- status: queued, running, done, failed.
create table duplicate_scan (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    status varchar(10) not null,
    origin varchar(10) not null,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    records_scanned integer not null,
    pairs_compared bigint not null,
    pairs_found integer not null,
    error varchar(1000),
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint duplicate_scan_status_ck check (status in ('queued', 'running', 'done', 'failed'))
);

create index duplicate_scan_status_ix on duplicate_scan (status, created_at);
create index duplicate_scan_recent_ix on duplicate_scan (workspace_id, created_at);
