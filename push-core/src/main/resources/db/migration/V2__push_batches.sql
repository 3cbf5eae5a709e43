-- Bulk migrations: a batch groups the pushes it accepted; what it refused up front is kept per line.
create table push_batches (
    batch_id             uuid        primary key,
    gaining_company_id   bigint      not null references companies (company_id),
    submitter_company_id bigint references companies (company_id), -- null: submitted by the operator
    submitted_by         uuid,
    total                integer     not null,
    accepted             integer     not null,
    rejected             integer     not null,
    submitted_at         timestamptz not null
);

create table push_batch_rejections (
    batch_id uuid    not null references push_batches (batch_id),
    position integer not null,
    domain   text    not null,
    code     text    not null,
    primary key (batch_id, position)
);

alter table pushes add constraint pushes_batch_fk foreign key (batch_id) references push_batches (batch_id);
create index pushes_batch_status_idx on pushes (batch_id, status) where batch_id is not null;
drop index pushes_batch_idx;
