-- Failed challenge attempts per user of a tenant, for the failed-attempt throttle
-- (openliveness.rate-limit.failed-attempts-per-user within failed-attempt-window). Counted in the
-- database so the limit holds across instances. Rows older than the window are deleted on a
-- schedule; a user's rows go with the user's erasure.
CREATE TABLE failed_attempt (
    tenant_id    VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    user_id      VARCHAR(200)             NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX failed_attempt_user ON failed_attempt (tenant_id, user_id, attempted_at);
CREATE INDEX failed_attempt_time ON failed_attempt (attempted_at);
