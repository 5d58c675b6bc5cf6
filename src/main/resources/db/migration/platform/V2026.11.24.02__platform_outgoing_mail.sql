-- The e-mail outbox: modules queue a mail in their own transaction; a job claims queued rows
-- (FOR UPDATE SKIP LOCKED), hands them to the SMTP server and marks them sent once the server accepted.
-- message_id is chosen by the caller and deterministic (a reminder's mail is <reminder-{id}@rapport>), so the
-- same mail is never queued twice and a mail client drops the copy if a crash made the job send it again.
-- status: queued (waiting or retrying at next_attempt_at), sent, failed (gave up after the last attempt,
-- last_error says why), skipped (no SMTP server configured).
create table outgoing_mail (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    to_address varchar(320) not null,
    subject varchar(500) not null,
    body varchar(20000) not null,
    message_id varchar(250) not null,
    status varchar(10) not null,
    attempts integer not null,
    last_error varchar(2000),
    next_attempt_at timestamp with time zone not null,
    sent_at timestamp with time zone,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint outgoing_mail_message_uk unique (workspace_id, message_id),
    constraint outgoing_mail_status_ck check (status in ('queued', 'sent', 'failed', 'skipped'))
);

create index outgoing_mail_due_ix on outgoing_mail (status, next_attempt_at);
