-- When and whether a push happens (DESIGN §5, the push's state machine).
--
-- The gaining company's choice: accept pushes as they come (AUTOMATIC, the article's standing
-- permission) or approve each one (APPROVE); and a hold: a domain pushed in cannot be pushed out
-- again for push_hold_days days (0: no hold).
alter table companies
    add column push_accept    text    not null default 'AUTOMATIC' check (push_accept in ('AUTOMATIC', 'APPROVE')),
    add column push_hold_days integer not null default 0 check (push_hold_days between 0 and 365);

-- Until when the domain stays where its last push put it (null: no hold). Written by the worker's move.
alter table domains add column held_until timestamptz;

-- A push may wait for its time (SCHEDULED, not_before) or for the gaining company's answer
-- (AWAITING_APPROVAL, until approval_deadline; then EXPIRED), and be DECLINED.
alter table pushes
    add column not_before        timestamptz,
    add column approval_deadline timestamptz,
    add column decided_at        timestamptz;
alter table pushes drop constraint pushes_status_check;
alter table pushes add constraint pushes_status_check check (status in (
    'AWAITING_APPROVAL', 'SCHEDULED', 'ACCEPTED', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED', 'DECLINED',
    'EXPIRED'));

-- At most one open push per domain (PUSH_IN_PROGRESS): waiting ones count too.
drop index pushes_one_active_per_domain;
create unique index pushes_one_open_per_domain on pushes (domain_id)
    where status in ('AWAITING_APPROVAL', 'SCHEDULED', 'ACCEPTED');

-- What the due-pushes loop looks for: scheduled pushes by their time, approvals by their deadline.
create index pushes_scheduled_idx on pushes (not_before) where status = 'SCHEDULED';
create index pushes_awaiting_idx on pushes (approval_deadline) where status = 'AWAITING_APPROVAL';
-- The gaining company's Incoming page.
create index pushes_awaiting_gaining_idx on pushes (gaining_company_id, submitted_at desc)
    where status = 'AWAITING_APPROVAL';

-- The gaining company's email asking it to approve a push is a notification of its own audience.
alter table notifications drop constraint notifications_audience_check;
alter table notifications add constraint notifications_audience_check
    check (audience in ('GAINING', 'LOSING', 'APPROVAL'));
