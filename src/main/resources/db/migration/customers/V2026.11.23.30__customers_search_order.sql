-- A search shows its best matches first: the people whose matched term is shortest and
-- alphabetically first, then by name. sort_key copies the record's name key, so that the walk
-- over (kind, term, sort_key, record_id) is already in display order and stops after one page.
alter table search_term add column sort_key varchar(300) default '' not null;

-- A person's terms include their company's terms, so one walk finds "everyone at Acme".
-- source_id names the company a copied term comes from (null for the person's own terms); the
-- copies are replaced when the company's name or domain changes.
alter table search_term add column source_id uuid;

update search_term set sort_key = coalesce((select p.name_key from person p
        where p.workspace_id = search_term.workspace_id and p.id = search_term.record_id), '')
    where record_kind = 'person';

update search_term set sort_key = coalesce((select c.name_key from company c
        where c.workspace_id = search_term.workspace_id and c.id = search_term.record_id), '')
    where record_kind = 'company';

insert into search_term (workspace_id, record_id, record_kind, term, sort_key, source_id)
select p.workspace_id, p.id, 'person', ct.term, p.name_key, p.company_id
    from person p
    join search_term ct on ct.workspace_id = p.workspace_id and ct.record_kind = 'company'
        and ct.record_id = p.company_id
    where not exists (select 1 from search_term own where own.workspace_id = p.workspace_id
        and own.record_kind = 'person' and own.term = ct.term and own.record_id = p.id);

create index search_term_walk_ix on search_term (workspace_id, record_kind, term, sort_key, record_id);
