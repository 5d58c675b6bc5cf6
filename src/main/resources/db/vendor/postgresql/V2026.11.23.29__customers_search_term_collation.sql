-- Search terms compare by code point (collation "C") on PostgreSQL, as they do on H2. One b-tree
-- then serves both "term like 'abc%'" and "order by term", so a search can walk the index in the
-- order it shows its results and stop after one page. The pattern-ops index is no longer needed.
alter table search_term alter column term type varchar(320) collate "C";
drop index search_term_prefix_ix;
