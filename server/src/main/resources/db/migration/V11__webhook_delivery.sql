-- Signed webhooks (openliveness.webhooks): one row per finished session of a tenant with a webhook,
-- its delivery log. body: the JSON sent (session id, status, result summary; never photos).
-- status: PENDING (next attempt at next_attempt_at), DELIVERED, FAILED (gave up after max attempts).
-- session_id is unique so two instances cannot queue one session twice; no foreign key, so the
-- log outlives the session row (it is erased with the user and purged by retention).
CREATE TABLE webhook_delivery (
    id               VARCHAR(36)              PRIMARY KEY,
    tenant_id        VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    user_id          VARCHAR(200)             NOT NULL,
    session_id       VARCHAR(36)              NOT NULL UNIQUE,
    url              VARCHAR(2000)            NOT NULL,
    body             TEXT                     NOT NULL,
    status           VARCHAR(20)              NOT NULL,
    attempts         INTEGER                  NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_tenant_user_idx ON webhook_delivery (tenant_id, user_id);
CREATE INDEX webhook_delivery_created_idx ON webhook_delivery (created_at);
-- Finds the sessions finished since the last look.
CREATE INDEX liveness_session_completed_idx ON liveness_session (completed_at);
