-- PostgreSQL uses a b-tree for "term like 'abc%'" only with the pattern operator class when the
-- database collation is not C. H2 uses the primary key for it as it is.
create index search_term_prefix_ix on search_term (workspace_id, record_kind, term varchar_pattern_ops);
