-- Emails (notifications), digests and webhook deliveries are three kinds of one queue (push-core's
-- DeliveryQueue): the same columns with the same meaning, so one set of statements claims, records, gives back,
-- counts and purges them all.
--   delivery_id      the row's identity in the queue (a webhook delivery's is its webhook-id)
--   company_id       the company the delivery is for: fair shares are counted per company
--   status           PENDING until it ends; each kind names its own ends (SENT, DELIVERED, SKIPPED, FAILED, ...)
--   attempts, last_error, last_code (the SMTP reply or HTTP status of the last attempt, when one came)
--   queued_at        when the current retry window began
--   next_attempt_at  null: waiting for its event; otherwise when it may be claimed (again)
--   claim_token      the claim that holds it: only that claim may record its outcome
--   sent_at          when the receiver accepted it
--   created_at       retention counts from here, once it ended

alter table notifications add column delivery_id uuid not null default gen_random_uuid();
alter table notifications add constraint notifications_delivery_id_key unique (delivery_id);
alter table notifications add column company_id bigint references companies (company_id);
update notifications n
   set company_id = case when n.audience = 'GAINING' then p.gaining_company_id else p.losing_company_id end
  from pushes p where p.push_id = n.push_id;
alter table notifications alter column company_id set not null;
alter table notifications add column last_code integer;
alter table notifications add column claim_token uuid;
create index notifications_created_brin on notifications using brin (created_at);

alter table notification_digests add column delivery_id uuid not null default gen_random_uuid();
alter table notification_digests add constraint notification_digests_delivery_id_key unique (delivery_id);
alter table notification_digests add column last_code integer;
alter table notification_digests add column claim_token uuid;
create index notification_digests_created_brin on notification_digests using brin (created_at);

alter table webhook_deliveries add column company_id bigint references companies (company_id);
update webhook_deliveries d set company_id = w.company_id from webhooks w where w.webhook_id = d.webhook_id;
alter table webhook_deliveries alter column company_id set not null;
alter table webhook_deliveries rename column last_status_code to last_code;
alter table webhook_deliveries rename column delivered_at to sent_at;
alter table webhook_deliveries add column queued_at timestamptz;
update webhook_deliveries set queued_at = created_at;
alter table webhook_deliveries alter column queued_at set not null;
alter table webhook_deliveries alter column queued_at set default now();
alter table webhook_deliveries alter column next_attempt_at drop not null;
alter table webhook_deliveries add column claim_token uuid;
create index webhook_deliveries_created_brin on webhook_deliveries using brin (created_at);

-- Failed sign-ins and audit entries are kept for a retention too (push.retention.*): both are read by time.
create index sign_in_failures_window_idx on sign_in_failures (window_started_at);
create index audit_log_at_brin on audit_log using brin (at);
