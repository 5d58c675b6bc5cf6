-- Entries about records that have their own owner (a deal, a task) carry that owner and team, so that the
-- timeline shows them only to readers of that record; entries without an owner follow the customer.
alter table timeline_entry add column owner_id uuid;
alter table timeline_entry add column team_id uuid;
