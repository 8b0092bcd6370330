-- An API key may expire: NULL means never. Authentication refuses a key at and after expires_at.
ALTER TABLE api_key ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
