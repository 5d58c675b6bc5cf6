-- When a person was erased on request: the row stays as an anonymous shell (its name replaced by a
-- placeholder, its contact data and texts removed) so that figures about it keep adding up.
alter table person add column erased_at timestamp with time zone;
