-- The identity-flow profile (seed 000): a flow session for one user, opened by the integrating
-- backend, and the liveness steps of that flow, each one liveness session of the core.

-- session_hash: SHA-256 hex of the Session-Id (the id itself is shown once, at creation).
-- challenge_count, challenge_types (comma-separated): what each liveness step asks of the core, or null for its defaults.
CREATE TABLE identity_flow_session (
    id                 VARCHAR(36)              PRIMARY KEY,
    tenant_id          VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    session_hash       VARCHAR(64)              NOT NULL UNIQUE,
    user_id            VARCHAR(200)             NOT NULL,
    external_reference VARCHAR(200),
    challenge_count    INTEGER,
    challenge_types    VARCHAR(200),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX identity_flow_session_tenant_user_idx ON identity_flow_session (tenant_id, user_id);
CREATE INDEX identity_flow_session_expires_idx ON identity_flow_session (expires_at);

-- capture_token: the liveness session's capture token, sealed with the photo key (bound to the
-- flow and step), Base64; kept while the liveness session is in progress so that a repeated init
-- can hand it out again, cleared once the step is verified. Deleting the liveness session (erasure,
-- retention) deletes the step.
CREATE TABLE identity_flow_liveness_step (
    flow_id             VARCHAR(36)              NOT NULL REFERENCES identity_flow_session (id) ON DELETE CASCADE,
    step_id             VARCHAR(64)              NOT NULL,
    liveness_session_id VARCHAR(36)              NOT NULL REFERENCES liveness_session (id) ON DELETE CASCADE,
    capture_token       VARCHAR(200),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (flow_id, step_id)
);

CREATE INDEX identity_flow_liveness_step_session_idx ON identity_flow_liveness_step (liveness_session_id);
