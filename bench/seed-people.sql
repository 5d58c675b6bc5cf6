-- Fills a workspace with N plain people straight in SQL, in minutes rather than the demo
-- generator's hour: for benchmarks that need "an existing database of 1M people" (the import
-- benchmark's dedup, the import floor). Each person has a name, an e-mail
-- person<n>@example.org, a mobile phone, about nine search terms and four duplicate keys shaped
-- as Rapport writes them; no history, no custom values. Not for anything but benchmarks.
--
--   psql -d rapport_bench -v ws=<workspace id> -v usr=<user id> -v n=1000000 -f bench/seed-people.sql
--
-- Start Rapport once on the database first (it creates the schema, the workspace and the
-- administrator: select id from workspace; select id from app_user).
\timing on
insert into person (workspace_id, id, given_name, family_name, display_name, name_key, owner_id, lifecycle_stage,
  lifecycle_entered_at, status, primary_email, primary_phone, created_at, created_by, updated_at, updated_by, version)
select :'ws', ('01a30000-' || lpad(to_hex(n>>16),4,'0') || '-7000-8000-' || lpad(to_hex(n),12,'0'))::uuid,
  'Given' || (n % 5000), 'Family' || (n % 7919), 'Given' || (n % 5000) || ' Family' || (n % 7919),
  'family' || (n % 7919) || ' given' || (n % 5000), :'usr', 'lead', now(), 'active',
  'person' || n || '@example.org', '+3161' || lpad(n::text, 7, '0'), now(), :'usr', now(), :'usr', 1
from generate_series(1, :n) n;
insert into person_email (workspace_id, id, person_id, address, address_key, label, is_primary, position)
select :'ws', ('01a31000-' || lpad(to_hex(n>>16),4,'0') || '-7000-8000-' || lpad(to_hex(n),12,'0'))::uuid,
  ('01a30000-' || lpad(to_hex(n>>16),4,'0') || '-7000-8000-' || lpad(to_hex(n),12,'0'))::uuid,
  'person' || n || '@example.org', 'person' || n || '@example.org', 'work', true, 0 from generate_series(1, :n) n;
insert into person_phone (workspace_id, id, person_id, typed, e164, label, is_primary, position)
select :'ws', ('01a32000-' || lpad(to_hex(n>>16),4,'0') || '-7000-8000-' || lpad(to_hex(n),12,'0'))::uuid,
  ('01a30000-' || lpad(to_hex(n>>16),4,'0') || '-7000-8000-' || lpad(to_hex(n),12,'0'))::uuid,
  '06 1' || lpad(n::text, 7, '0'), '+3161' || lpad(n::text, 7, '0'), 'mobile', true, 0 from generate_series(1, :n) n;
insert into search_term (workspace_id, record_id, record_kind, term, sort_key)
select p.workspace_id, p.id, 'person', t.term, p.name_key
from person p cross join lateral (values (lower(p.given_name)), (lower(p.family_name)), (lower(p.display_name)),
  (lower(p.family_name || ' ' || p.given_name)), (p.primary_email), (split_part(p.primary_email, '@', 2)),
  (substr(p.primary_phone, 2)), (substr(p.primary_phone, 4)), ('0' || substr(p.primary_phone, 4))) t(term)
where p.workspace_id = :'ws' and p.id::text like '01a30000-%'
on conflict do nothing;
insert into duplicate_key (workspace_id, kind, block_key, record_id)
select p.workspace_id, 'person', k.key, p.id
from person p cross join lateral (values ('e:' || p.primary_email), ('p:' || p.primary_phone),
  ('n:' || left(lower(p.family_name), 4) || ':' || left(lower(p.given_name), 2)),
  ('s:' || lower(p.given_name) || ':' || lower(p.family_name))) k(key)
where p.workspace_id = :'ws' and p.id::text like '01a30000-%'
on conflict do nothing;
vacuum analyze person; vacuum analyze person_email; vacuum analyze person_phone;
vacuum analyze search_term; vacuum analyze duplicate_key;
