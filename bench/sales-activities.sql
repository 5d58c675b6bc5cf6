-- Fills a benchmark workspace (PostgreSQL), after the demo generator made its people, with sales reps who
-- own the people, deals in the first pipeline and activities, so that the board, "my day" and card moves
-- can be measured at scale. Rows are written with SQL (the services write one at a time); each row is what
-- the services would write, except that deals get one stage-change row and no timeline entries.
--
--   psql -d rapport_bench -v reps=50 -v deals=300000 -v open_deals=50000 -v activities=3000000 \
--        -f bench/sales-activities.sql
--
-- Reps sign in with the administrator's password (rep01@bench.local ... rep50@bench.local). Run it once.
\set ON_ERROR_STOP on
\timing on

begin;

create temporary table bench_ws as
select u.workspace_id, u.id as admin_id, u.password_hash from app_user u where u.email = 'admin@rapport.local';

-- The reps: a non-administrator role, reporting to the administrator.
insert into app_user (workspace_id, id, email, display_name, password_hash, must_change_password, locale,
        time_zone, active, role_id, manager_id, created_at, updated_at, version)
select w.workspace_id, gen_random_uuid(), 'rep' || lpad(g::text, 2, '0') || '@bench.local', 'Rep ' || g,
       w.password_hash, false, 'en', 'Europe/Amsterdam', true,
       (select r.id from role r where r.workspace_id = w.workspace_id and not r.administrator order by r.name limit 1),
       w.admin_id, now(), now(), 1
from bench_ws w, generate_series(1, :reps) g;

create temporary table bench_rep as
select row_number() over (order by email) - 1 as n, id from app_user where email like 'rep%@bench.local';

-- Each person's new owner is the rep chosen by a hash of their id (the same choice as the update below).
create temporary table bench_person as
select row_number() over (order by p.id) - 1 as n, p.id, r.id as owner_id, p.company_id
from person p join bench_rep r on r.n = (abs(hashtext(p.id::text)) % :reps)
where p.workspace_id = (select workspace_id from bench_ws) and p.deleted_at is null;
create index on bench_person (n);
analyze bench_person;

create temporary table bench_stage as
select row_number() over (order by s.position) - 1 as n, s.id, s.kind, s.pipeline_id, s.probability
from pipeline_stage s
where s.workspace_id = (select workspace_id from bench_ws) and s.archived_at is null
  and s.pipeline_id = (select p.id from pipeline p where p.workspace_id = (select workspace_id from bench_ws)
                       and p.archived_at is null order by p.position, p.name limit 1);

-- Deals: the first :open_deals open, spread over the open stages; the rest won or lost.
insert into deal (workspace_id, id, name, name_key, amount, currency, amount_from_items, expected_close_on,
        pipeline_id, stage_id, status, stage_entered_at, closed_at, owner_id, team_id, company_id, source,
        lost_reason, last_activity_at, created_at, created_by, updated_at, updated_by, version)
select w.workspace_id, gen_random_uuid(), 'Deal ' || g, 'deal ' || g, 100 + (g * 7919) % 20000, 'EUR', false,
       current_date + cast((g * 31) % 240 - 60 as integer),
       s.pipeline_id, s.id, s.kind,
       now() - (((g * 13) % 120) || ' days')::interval,
       case when s.kind = 'open' then null else now() - (((g * 13) % 700) || ' days')::interval end,
       p.owner_id, null, p.company_id, 'Website',
       case when s.kind = 'lost' then 'Price' end,
       case when g % 3 = 0 then null else now() - (((g * 17) % 60) || ' days')::interval end,
       now() - (((g * 13) % 120 + 5) || ' days')::interval, w.admin_id, now(), w.admin_id, 1
from generate_series(1::bigint, :deals) g
cross join bench_ws w
join bench_person p on p.n = (g * 48271) % (select count(*) from bench_person)
join bench_stage s on s.n = case
    when g <= :open_deals then g % (select count(*) from bench_stage where kind = 'open')
    else (select count(*) from bench_stage where kind = 'open') + g % 2 end;

insert into deal_person (workspace_id, deal_id, person_id, role)
select d.workspace_id, d.id, p.id, 'Decision maker'
from deal d join bench_person p on p.n = (cast(substr(d.name, 6) as bigint) * 48271) % (select count(*) from bench_person)
where d.workspace_id = (select workspace_id from bench_ws);

insert into deal_stage_change (workspace_id, id, deal_id, from_stage_id, to_stage_id, changed_at, changed_by,
        seconds_in_from_stage)
select workspace_id, gen_random_uuid(), id, null, stage_id, stage_entered_at, created_by, null
from deal where workspace_id = (select workspace_id from bench_ws);

-- Activities: nine in ten done in the past two years; the rest open, some overdue, most ahead.
insert into activity (workspace_id, id, kind, title, notes, status, priority, starts_at, ends_at, all_day,
        assignee_id, team_id, person_id, company_id, deal_id, place, link, recurrence, series_id, done_at,
        done_by, outcome, interaction_id, created_at, created_by, updated_at, updated_by, version)
select w.workspace_id, gen_random_uuid(),
       case when g % 10 = 0 then (array['task', 'call', 'meeting'])[cast(1 + (g / 10) % 3 as integer)]
            else (array['task', 'call', 'meeting', 'note'])[cast(1 + g % 4 as integer)] end,
       'Follow-up ' || g, null,
       case when g % 10 = 0 then 'open' else 'done' end,
       'normal',
       case when g % 10 = 0 then now() + (((g * 7) % 1440 - 120) || ' hours')::interval
            else now() - (((g * 7) % 17520 + 1) || ' hours')::interval end,
       null, false, p.owner_id, null, p.id, p.company_id, null, null, null, null, null,
       case when g % 10 = 0 then null else now() - (((g * 7) % 17520) || ' hours')::interval end,
       case when g % 10 = 0 then null else p.owner_id end,
       null, null, now() - interval '800 days', w.admin_id, now(), w.admin_id, 1
from generate_series(1::bigint, :activities) g
cross join bench_ws w
join bench_person p on p.n = (g * 16807) % (select count(*) from bench_person);

-- Every person owned by one of the reps (about 1,000,000 / reps each).
update person p set owner_id = r.id
from bench_rep r
where r.n = (abs(hashtext(p.id::text)) % :reps) and p.workspace_id = (select workspace_id from bench_ws);
update company c set owner_id = r.id
from bench_rep r
where r.n = (abs(hashtext(c.id::text)) % :reps) and c.workspace_id = (select workspace_id from bench_ws);

-- Contact history, birthdays' month-day, and lifecycle stages as the signals of "my day" read them.
update person set last_contact_at = now() - ((abs(hashtext(id::text || 'c')) % 400) || ' days')::interval
where workspace_id = (select workspace_id from bench_ws) and abs(hashtext(id::text || 'n')) % 10 < 7;

commit;

vacuum analyze person;
vacuum analyze company;
vacuum analyze deal;
vacuum analyze deal_person;
vacuum analyze deal_stage_change;
vacuum analyze activity;
