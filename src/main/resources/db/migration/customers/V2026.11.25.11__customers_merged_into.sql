-- A person or company merged into another stays in its table, deleted, naming the record it went into: its
-- page leads there, it is not offered for restore in the trash, and undoing the merge brings it back.
-- No foreign key: the survivor may be removed for good from the trash before the merged record is.
alter table person add column merged_into_id uuid;
alter table company add column merged_into_id uuid;
