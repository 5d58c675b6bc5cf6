-- "Done today" on my day: a user's activities completed in a time range, newest first.
create index activity_done_ix on activity (workspace_id, assignee_id, status, done_at);
