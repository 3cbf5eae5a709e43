-- Who changed what: written in the same transaction as the change it records.
create table audit_log (
    audit_id         bigint generated always as identity primary key,
    at               timestamptz not null default now(),
    actor_token_id   uuid,
    actor_company_id bigint,          -- null: the operator
    company_id       bigint references companies (company_id), -- whose trail the entry belongs to
    action           text        not null,
    target           text,
    before           jsonb,
    after            jsonb
);
create index audit_log_company_idx on audit_log (company_id, audit_id desc);
