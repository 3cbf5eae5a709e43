-- Lists of pushes page by key (submitted_at, push_id), newest first: each index below serves one list in
-- that order at any depth (the read side's PushRepository; docs/decisions.md, "Paging by key").
drop index pushes_losing_idx;
drop index pushes_gaining_idx;
drop index pushes_domain_idx;
drop index pushes_awaiting_gaining_idx;
create index pushes_losing_idx on pushes (losing_company_id, submitted_at desc, push_id desc);
create index pushes_gaining_idx on pushes (gaining_company_id, submitted_at desc, push_id desc);
create index pushes_domain_idx on pushes (domain_name, submitted_at desc, push_id desc);
create index pushes_awaiting_gaining_idx on pushes (gaining_company_id, submitted_at desc, push_id desc)
    where status = 'AWAITING_APPROVAL';
-- the operator's list of every push
create index pushes_submitted_idx on pushes (submitted_at desc, push_id desc);
