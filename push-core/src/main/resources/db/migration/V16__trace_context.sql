-- The W3C traceparent of the span that wrote a row handled later by another process (the outbox relay,
-- the email and webhook deliveries): that process continues the trace from it. Null: no trace.
alter table outbox add column trace_parent text constraint outbox_trace_parent_length check (length(trace_parent) <= 128);
alter table notifications add column trace_parent text
    constraint notifications_trace_parent_length check (length(trace_parent) <= 128);
alter table webhook_deliveries add column trace_parent text
    constraint webhook_deliveries_trace_parent_length check (length(trace_parent) <= 128);
