-- A claim of webhook deliveries reads, for each endpoint not in flight, its first due deliveries in order
-- (DeliveryQueue: by lane): this index serves each of those reads. Without it a claim scanned the queue in due
-- order past the endpoints in flight, and a backlog of one endpoint (a million-domain migration's webhooks) was
-- read whole on every round of the dispatcher.
create index webhook_deliveries_lane_due_idx
    on webhook_deliveries (webhook_id, coalesce(next_attempt_at, created_at), delivery_id)
    where status = 'PENDING';
