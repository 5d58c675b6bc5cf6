-- Purchases and payments of a person or a company, from the UI, the API or an import. A point-of-sale
-- system sends its own reference (external_ref), so that a retried request records nothing twice.
create table customer_transaction (
    workspace_id uuid not null references workspace (id),
    id uuid not null,
    person_id uuid,
    company_id uuid,
    kind varchar(10) not null,
    occurred_on date not null,
    amount numeric(19, 4) not null,
    currency varchar(3) not null,
    description varchar(500),
    external_ref varchar(200),
    channel varchar(30),
    created_at timestamp with time zone not null,
    created_by uuid,
    updated_at timestamp with time zone not null,
    updated_by uuid,
    version integer not null,
    primary key (workspace_id, id),
    constraint customer_transaction_external_uk unique (workspace_id, external_ref),
    constraint customer_transaction_party_ck check (person_id is not null or company_id is not null),
    constraint customer_transaction_kind_ck check (kind in ('purchase', 'payment'))
);

create index customer_transaction_person_ix on customer_transaction (workspace_id, person_id, occurred_on);
create index customer_transaction_company_ix on customer_transaction (workspace_id, company_id, occurred_on);
