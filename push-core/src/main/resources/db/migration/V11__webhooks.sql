-- Webhooks: endpoints a company registers to hear of its pushes (either side) and its batches, signed per the
-- Standard Webhooks specification. The signing secret must be readable to sign, so it is stored encrypted
-- (AES-256-GCM under push.webhooks.secret-key), never in clear; after a rotation the previous one is kept for a
-- while so deliveries carry both signatures.
create table webhooks (
    webhook_id        uuid        primary key,
    company_id        bigint      not null references companies (company_id),
    url               text        not null check (length(url) <= 2000),
    events            text[]      not null check (cardinality(events) between 1 and 10),
    secret            bytea       not null,
    previous_secret   bytea,
    secret_rotated_at timestamptz,
    status            text        not null check (status in ('ENABLED', 'DISABLED')),
    disabled_reason   text,
    created_at        timestamptz not null default now()
);
create index webhooks_company_idx on webhooks (company_id, created_at);

-- One delivery per endpoint, event type and push (or batch): an event seen twice (a replay, a redelivery) finds it
-- there and adds nothing, so its webhook-id stays the same. The body is fixed when the delivery is made.
create table webhook_deliveries (
    delivery_id      uuid        primary key,
    webhook_id       uuid        not null references webhooks (webhook_id) on delete cascade,
    event_type       text        not null,
    subject_id       uuid        not null,
    payload          text        not null,
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     not null default 0,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null default now(),
    next_attempt_at  timestamptz not null default now(),
    delivered_at     timestamptz,
    updated_at       timestamptz not null default now(),
    unique (webhook_id, event_type, subject_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'PENDING';
create index webhook_deliveries_listing_idx on webhook_deliveries (webhook_id, created_at desc);
