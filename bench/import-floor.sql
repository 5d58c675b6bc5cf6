-- The floor of the import benchmark: what PostgreSQL alone needs to write the rows a people
-- import must write, with no Java at all. Stages 1,048,576 generated rows in an unlogged
-- table (5% with the e-mail of a person of bench/seed-people.sql), matches them by e-mail with
-- one UPDATE, then writes the new people with one INSERT ... SELECT per table (the person, an
-- e-mail, a phone, an address, two custom values, the lifecycle change, the timeline entry), and
-- ROLLS BACK: the database is left as it was. The search terms and duplicate keys are not
-- written (they would add about 9 + 4 indexed rows a person). Read the Time lines.
--
--   psql -d rapport_bench -v ws=<workspace id> -v usr=<user id> -f bench/import-floor.sql
drop table if exists import_floor_stage;
create unlogged table import_floor_stage as
select n as row_number, ('01a40000-' || lpad(to_hex(n>>16),4,'0') || '-7000-8000-' || lpad(to_hex(n),12,'0'))::uuid as id,
  'Neu' || (n % 5000) as given, 'Fam' || (n % 7919) as family, 'Neu' || (n % 5000) || ' Fam' || (n % 7919) as display,
  'fam' || (n % 7919) || ' neu' || (n % 5000) as name_key,
  case when n % 20 = 0 then 'person' || n || '@example.org' else 'new' || n || '@example.net' end as email,
  '+3162' || lpad(n::text, 7, '0') as e164, '06 2' || lpad(n::text, 7, '0') as typed,
  'Damrak ' || n as street, '1012 AB' as postal, 'Amsterdam' as city, 'NL' as country,
  'monthly' as membership, (n % 12)::numeric as visits, null::uuid as match_id
from generate_series(1, 1048576) n;
\timing on
update import_floor_stage s set match_id = e.person_id from person_email e
where e.workspace_id = :'ws' and e.address_key = s.email;
begin;
insert into person (workspace_id, id, given_name, family_name, display_name, name_key, owner_id, lifecycle_stage,
  lifecycle_entered_at, status, primary_email, primary_phone, custom, created_at, created_by, updated_at, updated_by, version)
select :'ws', id, given, family, display, name_key, :'usr', 'lead', now(), 'active', email, e164,
  jsonb_build_object('membership_type', membership, 'visits_per_month', visits), now(), :'usr', now(), :'usr', 1
from import_floor_stage where match_id is null;
insert into person_email (workspace_id, id, person_id, address, address_key, label, is_primary, position)
select :'ws', id, id, email, email, 'work', true, 0 from import_floor_stage where match_id is null;
insert into person_phone (workspace_id, id, person_id, typed, e164, label, is_primary, position)
select :'ws', id, id, typed, e164, 'mobile', true, 0 from import_floor_stage where match_id is null;
insert into postal_address (workspace_id, id, person_id, label, street, postal_code, city, country_code, position)
select :'ws', id, id, 'home', street, postal, city, country, 0 from import_floor_stage where match_id is null;
insert into custom_value (workspace_id, record_kind, record_id, field_key, position, text_value)
select :'ws', 'person', id, 'membership_type', 0, membership from import_floor_stage where match_id is null;
insert into custom_value (workspace_id, record_kind, record_id, field_key, position, number_value)
select :'ws', 'person', id, 'visits_per_month', 0, visits from import_floor_stage where match_id is null;
insert into lifecycle_change (workspace_id, id, person_id, to_stage, changed_at, changed_by)
select :'ws', id, id, 'lead', now(), :'usr' from import_floor_stage where match_id is null;
insert into timeline_entry (workspace_id, id, person_id, kind, occurred_at, actor_id, data, source_module, source_id)
select :'ws', id, id, 'created', now(), :'usr', '{"to":"lead"}', 'customers', id from import_floor_stage where match_id is null;
rollback;
\timing off
drop table import_floor_stage;
