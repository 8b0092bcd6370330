-- The built-in enrolment store: one trusted face image per user of a tenant, matched against by
-- the API profiles (UserDetailsProvider). image: sealed with the photo key (PhotoStore.seal, the
-- row's id as associated data: 12-byte nonce + AES-256-GCM ciphertext and tag); up to 11 MB.
-- Kept until replaced, deleted or the user is erased: not under the photo retention, since an
-- enrolment is meant to outlast any one session.
CREATE TABLE enrolment (
    tenant_id    VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    user_id      VARCHAR(200)             NOT NULL,
    id           VARCHAR(36)              NOT NULL UNIQUE,
    image_format VARCHAR(10)              NOT NULL,
    image_bytes  INTEGER                  NOT NULL,
    enrolled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    image        BYTEA                    NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
