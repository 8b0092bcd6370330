-- Replay fingerprints of accepted photos (challenge photos and reference selfies), kept for the
-- replay window (openliveness.replay.window) so that an upload finds the tenant's earlier photos
-- that may be the same picture. No image and no face template: two 64-bit difference hashes and
-- five measures (Fingerprint in the engine).
--
-- image_key_<b> (b = 0..16) is Fingerprint.lookupKey(b): the image hash rotated to start at band
-- b, sign bit flipped. A run of consecutive bands starting at b is a prefix of it, so "agrees with
-- the probe on this run" is one range on the (tenant_id, image_key_<b>) index. A hash within
-- maxBits of the probe agrees on at least one of the maxBits + 1 runs of Fingerprint.lookup
-- (pigeonhole), so an upload reads only the rows whose hash can match. The yaw index serves the
-- settings of maxBits where the runs are too short to narrow anything (see ReplayFingerprints).
--
-- session_id has no foreign key: the replay check must keep a photo for the whole window whatever
-- happens to its session row; a user's rows go through ReplayFingerprints.eraseUser.
CREATE TABLE replay_fingerprint (
    id           VARCHAR(36)              PRIMARY KEY,
    tenant_id    VARCHAR(36)              NOT NULL REFERENCES tenant (id),
    session_id   VARCHAR(36)              NOT NULL,
    user_id      VARCHAR(200)             NOT NULL,
    kind         VARCHAR(20)              NOT NULL CHECK (kind IN ('CHALLENGE', 'REFERENCE')),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    image_hash   BIGINT                   NOT NULL,
    face_hash    BIGINT                   NOT NULL,
    yaw          DOUBLE PRECISION         NOT NULL,
    pitch        DOUBLE PRECISION         NOT NULL,
    eyes         DOUBLE PRECISION         NOT NULL,
    mouth        DOUBLE PRECISION         NOT NULL,
    smile        DOUBLE PRECISION         NOT NULL,
    image_key_0  BIGINT                   NOT NULL,
    image_key_1  BIGINT                   NOT NULL,
    image_key_2  BIGINT                   NOT NULL,
    image_key_3  BIGINT                   NOT NULL,
    image_key_4  BIGINT                   NOT NULL,
    image_key_5  BIGINT                   NOT NULL,
    image_key_6  BIGINT                   NOT NULL,
    image_key_7  BIGINT                   NOT NULL,
    image_key_8  BIGINT                   NOT NULL,
    image_key_9  BIGINT                   NOT NULL,
    image_key_10 BIGINT                   NOT NULL,
    image_key_11 BIGINT                   NOT NULL,
    image_key_12 BIGINT                   NOT NULL,
    image_key_13 BIGINT                   NOT NULL,
    image_key_14 BIGINT                   NOT NULL,
    image_key_15 BIGINT                   NOT NULL,
    image_key_16 BIGINT                   NOT NULL
);

CREATE INDEX replay_fingerprint_key_0_idx ON replay_fingerprint (tenant_id, image_key_0);
CREATE INDEX replay_fingerprint_key_1_idx ON replay_fingerprint (tenant_id, image_key_1);
CREATE INDEX replay_fingerprint_key_2_idx ON replay_fingerprint (tenant_id, image_key_2);
CREATE INDEX replay_fingerprint_key_3_idx ON replay_fingerprint (tenant_id, image_key_3);
CREATE INDEX replay_fingerprint_key_4_idx ON replay_fingerprint (tenant_id, image_key_4);
CREATE INDEX replay_fingerprint_key_5_idx ON replay_fingerprint (tenant_id, image_key_5);
CREATE INDEX replay_fingerprint_key_6_idx ON replay_fingerprint (tenant_id, image_key_6);
CREATE INDEX replay_fingerprint_key_7_idx ON replay_fingerprint (tenant_id, image_key_7);
CREATE INDEX replay_fingerprint_key_8_idx ON replay_fingerprint (tenant_id, image_key_8);
CREATE INDEX replay_fingerprint_key_9_idx ON replay_fingerprint (tenant_id, image_key_9);
CREATE INDEX replay_fingerprint_key_10_idx ON replay_fingerprint (tenant_id, image_key_10);
CREATE INDEX replay_fingerprint_key_11_idx ON replay_fingerprint (tenant_id, image_key_11);
CREATE INDEX replay_fingerprint_key_12_idx ON replay_fingerprint (tenant_id, image_key_12);
CREATE INDEX replay_fingerprint_key_13_idx ON replay_fingerprint (tenant_id, image_key_13);
CREATE INDEX replay_fingerprint_key_14_idx ON replay_fingerprint (tenant_id, image_key_14);
CREATE INDEX replay_fingerprint_key_15_idx ON replay_fingerprint (tenant_id, image_key_15);
CREATE INDEX replay_fingerprint_key_16_idx ON replay_fingerprint (tenant_id, image_key_16);
CREATE INDEX replay_fingerprint_yaw_idx ON replay_fingerprint (tenant_id, yaw, pitch);
CREATE INDEX replay_fingerprint_created_idx ON replay_fingerprint (created_at);
CREATE INDEX replay_fingerprint_tenant_user_idx ON replay_fingerprint (tenant_id, user_id);
