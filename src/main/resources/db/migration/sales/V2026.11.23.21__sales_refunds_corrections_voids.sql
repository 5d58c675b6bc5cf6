-- Refunds, corrections and voids of transactions. A refund is a transaction of its own (kind 'refund')
-- that names the purchase it gives money back for (original_id), in the same workspace. A transaction is
-- never deleted: a voided one is kept, with who voided it, when and why, and counts in no figure.
alter table customer_transaction add column original_id uuid;

alter table customer_transaction add column voided_at timestamp with time zone;

alter table customer_transaction add column voided_by uuid;

alter table customer_transaction add column void_reason varchar(500);

alter table customer_transaction drop constraint customer_transaction_kind_ck;

alter table customer_transaction add constraint customer_transaction_kind_ck
    check (kind in ('purchase', 'payment', 'refund'));

alter table customer_transaction add constraint customer_transaction_original_ck
    check ((kind = 'refund' and original_id is not null) or (kind <> 'refund' and original_id is null));

alter table customer_transaction add constraint customer_transaction_void_ck
    check ((voided_at is null and void_reason is null) or (voided_at is not null and void_reason is not null));

alter table customer_transaction add constraint customer_transaction_original_fk
    foreign key (workspace_id, original_id) references customer_transaction (workspace_id, id);

-- The refunds of a purchase are summed on every refund, correction and figure.
create index customer_transaction_original_ix on customer_transaction (workspace_id, original_id);
