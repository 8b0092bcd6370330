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

-- Idempotency keys of session creation (the Idempotency-Key header), per tenant, for 24 hours:
-- the same key with the same request returns the session it created (its token sealed with the
-- photo key, since the session row keeps only the token's hash); with another request it is
-- refused. request_hash is SHA-256 over the request's fields. Rows older than 24 hours are
-- deleted on a schedule; a user's rows go with the user's erasure.
CREATE TABLE idempotency_key (
    tenant_id    VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    idem_key     VARCHAR(200)             NOT NULL,
    request_hash VARCHAR(64)              NOT NULL,
    user_id      VARCHAR(200)             NOT NULL,
    session_id   VARCHAR(36)              NOT NULL,
    sealed_token VARCHAR(400)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotency_key_time ON idempotency_key (created_at);
