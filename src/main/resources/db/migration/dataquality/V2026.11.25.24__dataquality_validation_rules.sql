-- Validation rules an administrator defines per object (person, company, deal, activity, transaction):
-- optional "when" conditions (a JSON array of {field, op, value}, all must hold) and a "then" requirement
-- on one field; when the conditions hold and the requirement does not, a write is refused with the
-- message shown beside the required field.
create table validation_rule (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    object_kind varchar(20) not null,
    name varchar(200) not null,
    conditions varchar(10000) not null,
    then_field varchar(120) not null,
    then_op varchar(20) not null,
    then_value varchar(1000),
    message varchar(500) not null,
    active boolean not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint validation_rule_object_ck check (object_kind in ('person', 'company', 'deal', 'activity', 'transaction'))
);

create index validation_rule_object_ix on validation_rule (workspace_id, object_kind, active);
