-- An endpoint's deliveries are listed newest first by key, (created_at, delivery_id) after or before a page's
-- cursor: this index serves any page, deep in a month of a busy endpoint's deliveries, by reading only that
-- page's entries. The index it replaces ended at created_at, so every page by key sorted its candidates.
drop index webhook_deliveries_listing_idx;
create index webhook_deliveries_listing_idx on webhook_deliveries (webhook_id, created_at desc, delivery_id desc);
