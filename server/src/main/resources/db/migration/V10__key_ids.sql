-- The id of the photo key that sealed each photo (Keyring.idOf: 16 hex characters); NULL for
-- photos stored before key ids existed, which the keyring still opens. A key rotation
-- re-encrypts every photo whose key_id is not the current key's; the index finds them.
ALTER TABLE photo ADD COLUMN key_id VARCHAR(16);
CREATE INDEX photo_key_idx ON photo (key_id);
