-- What a push moved, recorded by the worker in the push's own transaction: the messages and bytes
-- that went with the domain (its users are users_moved) and the effective settings that changed for
-- its users, each {key, before, after, source} (computed by SettingsPreview, as the preview showed
-- them). Null for pushes applied before these columns existed.
alter table push_history
    add column messages_moved   bigint,
    add column bytes_moved      bigint,
    add column settings_changed jsonb;
