-- Signals for "my day": an owner's open deals that nobody worked on, or that stay in their stage, as index ranges.

create index deal_owner_stage_time_ix on deal (workspace_id, owner_id, status, stage_entered_at);

-- A deal never worked on (last_activity_at null) is idle from its creation.
create index deal_owner_activity_ix on deal (workspace_id, owner_id, status, last_activity_at, created_at);
