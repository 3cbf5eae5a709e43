-- Notification modes: a company gets one email per pushed domain (the article's behaviour, the default) or,
-- for the pushes of a bulk migration, one digest email when the batch finishes. Each side follows its own mode.
alter table companies add column notification_mode text not null default 'PER_DOMAIN'
    check (notification_mode in ('PER_DOMAIN', 'BATCH_DIGEST'));

-- A batch is finished once none of its pushes is ACCEPTED; the transaction that ends its last push records when
-- (and writes the BatchFinished event). Batches finished before this version are marked now.
alter table push_batches add column finished_at timestamptz;
update push_batches b
   set finished_at = coalesce((select max(p.completed_at) from pushes p where p.batch_id = b.batch_id), b.submitted_at)
 where not exists (select 1 from pushes p where p.batch_id = b.batch_id and p.status = 'ACCEPTED');
create index push_batches_unfinished_idx on push_batches (submitted_at) where finished_at is null;

-- A completed push of a batch whose company (on that side) wants a digest is told in the digest: IN_DIGEST.
alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
    check (status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED', 'IN_DIGEST'));

-- One digest per finished batch, side and company, opened by the transaction that finishes the batch and worked
-- through by the notifier exactly like notifications (claim with a lease, send, record; stable Message-ID).
create table notification_digests (
    batch_id        uuid        not null references push_batches (batch_id),
    audience        text        not null check (audience in ('GAINING', 'LOSING')),
    company_id      bigint      not null references companies (company_id),
    status          text        not null check (status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    recipient       text,
    message_id      text        not null,
    attempts        integer     not null default 0,
    last_error      text,
    queued_at       timestamptz not null default now(),
    next_attempt_at timestamptz,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    updated_at      timestamptz not null default now(),
    primary key (batch_id, audience, company_id)
);
create index notification_digests_due_idx on notification_digests (next_attempt_at) where status = 'PENDING';
create index notification_digests_waiting_idx on notification_digests (created_at)
    where status = 'PENDING' and next_attempt_at is null;
