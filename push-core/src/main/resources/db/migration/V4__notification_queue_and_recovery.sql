-- Notifications become a queue the notifier works through without holding a transaction during SMTP:
-- a row is claimed by pushing next_attempt_at forward (a lease), sent, then recorded.
--   queued_at        when the current delivery window began (completion, or the last resend)
--   next_attempt_at  null: waiting for its event; otherwise when it may be claimed (again)
alter table notifications add column queued_at timestamptz not null default now();
update notifications set queued_at = created_at;
alter table notifications add column next_attempt_at timestamptz;
create index notifications_due_idx on notifications (next_attempt_at) where status = 'PENDING';
create index notifications_waiting_idx on notifications (created_at) where status = 'PENDING' and next_attempt_at is null;

-- When the push's request was last handed to the outbox: an ACCEPTED push whose request record was lost
-- (the requests topic deleted, a broker's data gone) is published again once this is old enough.
alter table pushes add column requested_at timestamptz not null default now();
update pushes set requested_at = submitted_at;
create index pushes_accepted_requested_idx on pushes (requested_at) where status = 'ACCEPTED';

-- R7: one frozen copy per original brand, gaining company and settings. frozen_key identifies the copy
-- ('<source brand id>:<md5 of its settings>'); copies made before this version have none and stay as they are.
alter table brands add column frozen_key text;
create unique index brands_frozen_key_idx on brands (company_id, frozen_key) where frozen_key is not null;
