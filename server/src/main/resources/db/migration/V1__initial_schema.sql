-- OpenLiveness initial schema. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode
-- (MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE). Ids are UUID strings; timestamps are server time.

CREATE TABLE tenant (
    id         VARCHAR(36)              PRIMARY KEY,
    name       VARCHAR(100)             NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keys are stored as SHA-256 hex; key_prefix (the first 12 characters) identifies a key to an operator.
CREATE TABLE api_key (
    id         VARCHAR(36)              PRIMARY KEY,
    tenant_id  VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    key_hash   VARCHAR(64)              NOT NULL UNIQUE,
    key_prefix VARCHAR(16)              NOT NULL,
    scopes     VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX api_key_tenant_idx ON api_key (tenant_id);

-- state: a JSON document (challenges, measurements, result), up to ~100 kB.
-- version: optimistic locking, so concurrent photo uploads cannot lose updates.
CREATE TABLE liveness_session (
    id                 VARCHAR(36)              PRIMARY KEY,
    tenant_id          VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    user_id            VARCHAR(200)             NOT NULL,
    external_reference VARCHAR(200),
    token_hash         VARCHAR(64)              NOT NULL UNIQUE,
    status             VARCHAR(20)              NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at       TIMESTAMP WITH TIME ZONE,
    version            BIGINT                   NOT NULL,
    state              TEXT                     NOT NULL
);

CREATE INDEX liveness_session_tenant_user_created_idx ON liveness_session (tenant_id, user_id, created_at);

-- content: 12-byte nonce + AES-256-GCM ciphertext and tag (photo id as associated data); up to 11 MB.
CREATE TABLE photo (
    id           VARCHAR(36)              PRIMARY KEY,
    tenant_id    VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    user_id      VARCHAR(200)             NOT NULL,
    session_id   VARCHAR(36)              REFERENCES liveness_session (id) ON DELETE CASCADE,
    kind         VARCHAR(20)              NOT NULL,
    challenge_id VARCHAR(40),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    content      BYTEA                    NOT NULL
);

CREATE INDEX photo_created_idx ON photo (created_at);
CREATE INDEX photo_tenant_user_idx ON photo (tenant_id, user_id);
-- Serves the ON DELETE CASCADE from liveness_session (PostgreSQL does not index foreign keys by itself).
CREATE INDEX photo_session_idx ON photo (session_id);

-- params: a JSON object. No foreign key to tenant: the log is append-only and outlives what it describes.
CREATE TABLE audit_event (
    id         VARCHAR(36)              PRIMARY KEY,
    tenant_id  VARCHAR(36)              NOT NULL,
    user_id    VARCHAR(200),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    message    VARCHAR(200)             NOT NULL,
    params     TEXT                     NOT NULL
);

CREATE INDEX audit_event_tenant_created_idx ON audit_event (tenant_id, created_at);
