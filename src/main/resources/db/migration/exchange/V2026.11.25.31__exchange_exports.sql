-- An export of a list view (people, companies, deals, activities) to CSV, Excel or vCard, run as a
-- background job as the user who asked for it, so the list's filters, columns and the access policy
-- apply as on their screen. parameters: the list's query string. status: queued, running, done,
-- failed. file_id: the written file in exchange_file (purpose export), deleted with it when it expires.
create table export_job (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    object varchar(20) not null,
    format varchar(10) not null,
    parameters varchar(4000) not null,
    locale varchar(35) not null,
    time_zone varchar(60) not null,
    status varchar(10) not null,
    rows_written integer not null,
    file_id uuid,
    error varchar(1000),
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    expires_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint export_job_format_ck check (format in ('csv', 'xlsx', 'vcf', 'vcf3')),
    constraint export_job_status_ck check (status in ('queued', 'running', 'done', 'failed'))
);

create index export_job_creator_ix on export_job (workspace_id, created_by, created_at);
