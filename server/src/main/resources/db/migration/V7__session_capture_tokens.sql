-- Further capture tokens of a session, each short-lived (the API profiles hand one out when a client
-- asks for an order's session again: the session's own token is returned once and stored as a hash).
-- Stored as SHA-256 (hex) like the session token; gone with their session.
CREATE TABLE session_capture_token (
    token_hash VARCHAR(64)              PRIMARY KEY,
    session_id VARCHAR(36)              NOT NULL REFERENCES liveness_session (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX session_capture_token_session_idx ON session_capture_token (session_id);

CREATE INDEX liveness_session_tenant_reference_idx ON liveness_session (tenant_id, external_reference);
