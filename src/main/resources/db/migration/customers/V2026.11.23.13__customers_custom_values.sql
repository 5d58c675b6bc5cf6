-- The values of custom fields of people and companies in a form that can be filtered and sorted with an
-- index: one row per field, one per chosen option of a multi-picklist (position tells them apart). The
-- JSON column "custom" of the record is the source; these rows are rewritten from it on every write.
create table custom_value (
    workspace_id uuid not null,
    record_kind varchar(10) not null,
    record_id uuid not null,
    field_key varchar(50) not null,
    position integer not null,
    text_value varchar(500),
    number_value numeric(19, 4),
    date_value date,
    primary key (workspace_id, record_kind, record_id, field_key, position)
);

create index custom_value_text_ix on custom_value (workspace_id, record_kind, field_key, text_value);
create index custom_value_number_ix on custom_value (workspace_id, record_kind, field_key, number_value);
create index custom_value_date_ix on custom_value (workspace_id, record_kind, field_key, date_value);
create index custom_value_record_ix on custom_value (workspace_id, record_id);
