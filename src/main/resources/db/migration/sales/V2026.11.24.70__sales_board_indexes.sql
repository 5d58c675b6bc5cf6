-- The board's column headers and the forecast: one grouped read over a pipeline's deals, answered from this index
-- alone (PostgreSQL index-only scan) instead of the table.
create index deal_board_ix on deal (workspace_id, pipeline_id, status, stage_id, currency, amount, owner_id, team_id,
    expected_close_on, deleted_at);
