-- The won and lost columns of the board: the deals of a pipeline closed since a date, with what their headers add
-- up, from the index alone.
create index deal_board_closed_ix on deal (workspace_id, pipeline_id, status, closed_at, stage_id, currency, amount,
    owner_id, team_id, expected_close_on, deleted_at);
